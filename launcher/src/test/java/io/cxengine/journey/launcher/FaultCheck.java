package io.cxengine.journey.launcher;

import io.cxengine.journey.launcher.RequestLog.Attempt;
import io.cxengine.journey.launcher.RequestLog.Request;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The fault harness's checker: after a run, what the database holds set against what the clients were told
 * ({@link RequestLog}). Read straight from the tables as the superuser, apart from the engine, so that an engine bug
 * cannot hide in its own answers:
 * <ul>
 *     <li><b>lost</b>: acknowledged keys without their fact;</li>
 *     <li><b>dup</b>: facts recorded more than once for one key;</li>
 *     <li><b>phantom</b>: facts of requests that were refused for certain;</li>
 *     <li><b>gaps</b>: customers whose sequence numbers are not 0…n−1;</li>
 *     <li><b>wrong receipts</b>: acknowledgements whose version or position names another write's event;</li>
 *     <li><b>drift</b>: the profile and timeline projections against the raw events (version = last sequence, one
 *     moment per touchpoint and none without its event), once the projections have had time to catch up;</li>
 *     <li><b>dead letters</b>: events a projection parked.</li>
 * </ul>
 */
final class FaultCheck {

    /** The figures of one run. */
    record Figures(long acknowledged, long refused, long indeterminate, long indeterminateRecorded, long lost, long dup,
                   long phantom, long gaps, long wrongReceipts, long drift, long deadLetters, Duration catchUp) {

        boolean clean() {
            return lost == 0 && dup == 0 && phantom == 0 && gaps == 0 && wrongReceipts == 0 && drift == 0
                    && deadLetters == 0;
        }
    }

    private final String jdbcUrl;

    /** A checker on the embedded PostgreSQL listening on this port. */
    FaultCheck(int postgresPort) {
        this.jdbcUrl = "jdbc:postgresql://localhost:%d/postgres?user=postgres".formatted(postgresPort);
    }

    /** Waits up to {@code catchUp} for the projections to agree with the events, then counts everything. */
    Figures check(RequestLog log, Collection<String> customers, Duration catchUp) {
        Instant start = Instant.now();
        Instant deadline = start.plus(catchUp);
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            long drift = drift(db, customers);
            while (drift > 0 && Instant.now().isBefore(deadline)) {
                EngineProcess.sleep(Duration.ofMillis(500));
                drift = drift(db, customers);
            }
            Duration caughtUp = Duration.between(start, Instant.now());
            if (drift > 0) {
                describeDrift(db, customers);
            }
            Map<String, List<Event>> byKey = new HashMap<>();
            Map<String, Event> bySequence = new HashMap<>();
            Map<String, long[]> sequences = new HashMap<>();
            for (Event event : events(db, customers)) {
                // The at-risk turn a request's fact causes is recorded with it, under its key: not a second recording.
                if (event.key() != null && !event.type().endsWith("AtRisk")) {
                    byKey.computeIfAbsent(event.key(), key -> new ArrayList<>()).add(event);
                }
                bySequence.put(event.customer() + "/" + event.sequence(), event);
                long[] counted = sequences.computeIfAbsent(event.customer(), customer -> new long[]{0, -1});
                counted[0]++;
                counted[1] = Math.max(counted[1], event.sequence());
            }
            long acknowledged = 0, refused = 0, indeterminate = 0, indeterminateRecorded = 0;
            long lost = 0, phantom = 0, wrongReceipts = 0;
            for (Request request : log.requests()) {
                List<Event> recorded = byKey.getOrDefault(request.key(), List.of());
                switch (request.outcome()) {
                    case OK -> {
                        acknowledged++;
                        lost += recorded.isEmpty() ? 1 : 0;
                    }
                    case FAILED -> {
                        refused++;
                        phantom += recorded.isEmpty() ? 0 : 1;
                    }
                    case INDETERMINATE -> {
                        indeterminate++;
                        indeterminateRecorded += recorded.isEmpty() ? 0 : 1;
                    }
                }
                for (Attempt answer : request.acknowledged()) {
                    Event named = bySequence.get(answer.customer() + "/" + answer.version());
                    if (named == null || !request.key().equals(named.key())
                            || named.globalIndex() != answer.position()) {
                        wrongReceipts++;
                    }
                }
            }
            long dup = byKey.values().stream().mapToLong(events -> events.size() - 1).sum();
            long gaps = sequences.values().stream().filter(counted -> counted[0] != counted[1] + 1).count();
            return new Figures(acknowledged, refused, indeterminate, indeterminateRecorded, lost, dup, phantom, gaps,
                    wrongReceipts, drift, deadLetters(db), caughtUp);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the run against " + jdbcUrl, e);
        }
    }

    private record Event(String customer, long sequence, long globalIndex, String eventId, String type, String key) {
    }

    private static List<Event> events(Connection db, Collection<String> customers) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("""
                SELECT aggregate_identifier, sequence_number, global_index, event_identifier, payload_type,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' AS idempotency_key
                  FROM domain_event_entry
                 WHERE aggregate_identifier = ANY (?)""")) {
            select.setArray(1, texts(db, customers));
            List<Event> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(new Event(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
            return events;
        }
    }

    /**
     * Differences between the projections and the events: customers whose profile is not at their last sequence,
     * touchpoints without their moment, and moments without their event.
     */
    static long drift(Connection db, Collection<String> customers) throws SQLException {
        Array ids = texts(db, customers);
        long drift = 0;
        try (PreparedStatement profiles = db.prepareStatement("""
                SELECT count(*) FROM (
                    SELECT e.aggregate_identifier, max(e.sequence_number) AS last
                      FROM domain_event_entry e
                     WHERE e.aggregate_identifier = ANY (?)
                     GROUP BY e.aggregate_identifier) events
                  LEFT JOIN read_model.customer_profile p ON p.customer_id::text = events.aggregate_identifier
                 WHERE p.version IS DISTINCT FROM events.last""")) {
            profiles.setArray(1, ids);
            drift += single(profiles);
        }
        try (PreparedStatement missingMoments = db.prepareStatement("""
                SELECT count(*) FROM domain_event_entry e
                 WHERE e.aggregate_identifier = ANY (?) AND e.payload_type LIKE '%TouchpointRecorded'
                   AND NOT EXISTS (SELECT 1 FROM read_model.moment_of_truth m WHERE m.event_id = e.event_identifier)""")) {
            missingMoments.setArray(1, ids);
            drift += single(missingMoments);
        }
        try (PreparedStatement strayMoments = db.prepareStatement("""
                SELECT count(*) FROM read_model.moment_of_truth m
                 WHERE m.customer_id::text = ANY (?)
                   AND NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.event_identifier = m.event_id
                                      AND e.aggregate_identifier = m.customer_id::text
                                      AND e.sequence_number = m.sequence)""")) {
            strayMoments.setArray(1, ids);
            drift += single(strayMoments);
        }
        return drift;
    }

    /** What differs, and where each projection stands, in {@code target/faults/drift.txt}: to find out why. */
    private static void describeDrift(Connection db, Collection<String> customers) throws SQLException {
        StringBuilder out = new StringBuilder("Drift at " + Instant.now() + "\n");
        Array ids = texts(db, customers);
        String[] queries = {"""
                SELECT 'profile', events.aggregate_identifier, p.version, events.last, events.last_index FROM (
                    SELECT e.aggregate_identifier, max(e.sequence_number) AS last, max(e.global_index) AS last_index
                      FROM domain_event_entry e WHERE e.aggregate_identifier = ANY (?)
                     GROUP BY e.aggregate_identifier) events
                  LEFT JOIN read_model.customer_profile p ON p.customer_id::text = events.aggregate_identifier
                 WHERE p.version IS DISTINCT FROM events.last""", """
                SELECT 'no moment', e.aggregate_identifier, e.sequence_number, e.global_index, e.time_stamp
                  FROM domain_event_entry e
                 WHERE e.aggregate_identifier = ANY (?) AND e.payload_type LIKE '%TouchpointRecorded'
                   AND NOT EXISTS (SELECT 1 FROM read_model.moment_of_truth m WHERE m.event_id = e.event_identifier)""", """
                SELECT 'stray moment', m.customer_id::text, m.sequence, m.event_id, m.recorded_at::text
                  FROM read_model.moment_of_truth m
                 WHERE m.customer_id::text = ANY (?)
                   AND NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.event_identifier = m.event_id
                                      AND e.aggregate_identifier = m.customer_id::text
                                      AND e.sequence_number = m.sequence)"""};
        for (String query : queries) {
            try (PreparedStatement select = db.prepareStatement(query)) {
                select.setArray(1, ids);
                appendRows(select, out, 50);
            }
        }
        try (PreparedStatement tokens = db.prepareStatement("""
                SELECT processor_name, segment, owner, time_stamp, convert_from(token, 'UTF8') FROM token_entry
                 WHERE token IS NOT NULL ORDER BY 1, 2""");
             PreparedStatement head = db.prepareStatement("SELECT 'head', max(global_index), now()::text, '', '' FROM domain_event_entry")) {
            appendRows(head, out, 1);
            appendRows(tokens, out, 100);
        }
        try {
            java.nio.file.Files.createDirectories(FaultReport.DIRECTORY);
            java.nio.file.Files.writeString(FaultReport.DIRECTORY.resolve("drift.txt"), out.toString(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void appendRows(PreparedStatement select, StringBuilder out, int most) throws SQLException {
        try (ResultSet rows = select.executeQuery()) {
            int columns = rows.getMetaData().getColumnCount();
            for (int row = 0; row < most && rows.next(); row++) {
                for (int column = 1; column <= columns; column++) {
                    String value = rows.getString(column);
                    out.append(value == null ? "null" : value.length() > 300 ? value.substring(0, 300) + "…" : value)
                            .append(column < columns ? "\t" : "\n");
                }
            }
        }
    }

    private static long deadLetters(Connection db) throws SQLException {
        try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM dead_letter_entry")) {
            return single(count);
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Array texts(Connection db, Collection<String> values) throws SQLException {
        return db.createArrayOf("text", new HashSet<>(values).toArray());
    }

    /** Breaches per clock subject of these customers, for the deadline scenario: each must be 1. */
    Map<String, Long> breachesBySubject(Collection<String> customers) {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement select = db.prepareStatement("""
                     SELECT aggregate_identifier || '/' || (convert_from(payload, 'UTF8')::jsonb ->> 'subject'), count(*)
                       FROM domain_event_entry
                      WHERE aggregate_identifier = ANY (?) AND payload_type LIKE '%ServiceStandardBreached'
                      GROUP BY 1""")) {
            select.setArray(1, texts(db, customers));
            Map<String, Long> breaches = new HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    breaches.put(rows.getString(1), rows.getLong(2));
                }
            }
            return breaches;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Global positions taken by a write that rolled back, so that no event will ever have them: each is a gap that
     * the projections' tokens keep for the gap timeout.
     */
    long unfilledPositions() {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement count = db.prepareStatement(
                     "SELECT coalesce(max(global_index) - min(global_index) + 1 - count(*), 0) FROM domain_event_entry")) {
            return single(count);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who holds each projection segment now ({@code processor/segment → owner}, null if unclaimed). */
    Map<String, String> claims() {
        try (Connection db = DriverManager.getConnection(jdbcUrl);
             PreparedStatement select = db.prepareStatement(
                     "SELECT processor_name || '/' || segment, owner FROM token_entry");
             ResultSet rows = select.executeQuery()) {
            Map<String, String> claims = new HashMap<>();
            while (rows.next()) {
                claims.put(rows.getString(1), rows.getString(2));
            }
            return claims;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
