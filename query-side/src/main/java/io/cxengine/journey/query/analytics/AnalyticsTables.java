package io.cxengine.journey.query.analytics;

import io.cxengine.journey.query.analytics.AnalyticsViews.*;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.cxengine.journey.platform.SqlTime.utc;

/** The SQL of the {@code read_model.analytics_*} tables; only the analytics projection writes them. */
@Repository
class AnalyticsTables {

    /** The tables this SQL keeps, in the read-model schema; a rebuild fills copies of them and swaps them in. */
    static final List<String> TABLES = List.of("analytics_customer", "analytics_touchpoint", "analytics_complaint",
            "analytics_moment", "analytics_service_clock", "analytics_loss", "analytics_moment_tally",
            "analytics_complaint_tally", "analytics_clock_tally", "analytics_consent_breach", "analytics_survey",
            "analytics_phrase_used", "analytics_conversation", "analytics_conversation_tally",
            "analytics_conversation_customer", "analytics_note_tally", "analytics_note_customer",
            "analytics_phrase_tally", "analytics_period_tally", "analytics_period_customer",
            "analytics_standard_version");

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    AnalyticsTables(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    // --- writes -------------------------------------------------------------------------------------------------

    void customer(UUID customer, String pseudonym) {
        writes.sql("""
                        INSERT INTO analytics_customer (customer_id, pseudonym) VALUES (:c, :p)
                        ON CONFLICT DO NOTHING""")
                .param("c", customer).param("p", pseudonym).execute();
    }

    void lost(UUID customer, boolean lost) {
        writes.sql("UPDATE analytics_customer SET lost = :lost WHERE customer_id = :c")
                .param("c", customer).param("lost", lost).execute();
    }

    /** One contact: what complaints take their channel from, and what conversations are grouped from. */
    void touchpoint(UUID touchpoint, UUID customer, String channel, String conversation, String agent, String stage,
                    String valence, Instant at, boolean noteChecked) {
        writes.sql("""
                        INSERT INTO analytics_touchpoint (touchpoint_id, channel, customer_id, conversation_id, agent_id,
                                                          stage, valence, occurred_at, note_checked)
                        VALUES (:t, :channel, :c, :conversation, :agent, :stage, :valence, :at, :checked)
                        ON CONFLICT DO NOTHING""")
                .param("t", touchpoint).param("channel", channel).param("c", customer)
                .param("conversation", conversation).param("agent", agent).param("stage", stage)
                .param("valence", valence).param("at", utc(at)).param("checked", noteChecked).execute();
    }

    /** How often the touchpoint's note used a phrase to avoid. */
    void phraseUsed(UUID touchpoint, String phrase, int uses) {
        writes.sql("INSERT INTO analytics_phrase_used VALUES (:t, :phrase, :uses) ON CONFLICT DO NOTHING")
                .param("t", touchpoint).param("phrase", phrase).param("uses", uses).execute();
    }

    void complaintFiled(UUID complaint, UUID customer, String pseudonym, String category, String severity,
                        UUID touchpoint, Instant at) {
        writes.sql("""
                        INSERT INTO analytics_complaint
                               (complaint_id, customer_id, pseudonym, category, severity, channel, filed_at,
                                touchpoint_id)
                        VALUES (:k, :c, :p, :category, :severity,
                                (SELECT channel FROM analytics_touchpoint WHERE touchpoint_id = :t), :at, :t)
                        ON CONFLICT DO NOTHING""")
                .param("k", complaint).param("c", customer).param("p", pseudonym).param("category", category).param("severity", severity)
                .param("t", touchpoint).param("at", utc(at)).execute();
    }

    /** The complaint's first acknowledgement is the one that counts. */
    void complaintAcknowledged(UUID complaint, Instant at) {
        writes.sql("""
                        UPDATE analytics_complaint SET acknowledged_at = COALESCE(acknowledged_at, :at)
                         WHERE complaint_id = :k""")
                .param("k", complaint).param("at", utc(at)).execute();
    }

    /** The complaint's first resolution is the one that counts; it is no longer open. */
    void complaintResolved(UUID complaint, Instant at) {
        writes.sql("""
                        UPDATE analytics_complaint SET resolved_at = COALESCE(resolved_at, :at), open = FALSE
                         WHERE complaint_id = :k""")
                .param("k", complaint).param("at", utc(at)).execute();
    }

    void complaintReopened(UUID complaint) {
        writes.sql("UPDATE analytics_complaint SET reopened = reopened + 1, open = TRUE WHERE complaint_id = :k")
                .param("k", complaint).execute();
    }

    void moment(String eventId, Instant at, String kind, String channel, String stage, String valence) {
        writes.sql("""
                        INSERT INTO analytics_moment VALUES (:e, :at, :kind, :channel, :stage, :valence)
                        ON CONFLICT DO NOTHING""")
                .param("e", eventId).param("at", utc(at)).param("kind", kind).param("channel", channel)
                .param("stage", stage).param("valence", valence).execute();
    }

    /** A clock started, under the version of its standard the fact names (null: none). */
    void clockStarted(UUID customer, String pseudonym, String standard, String subject, Instant startedAt,
                      Instant dueAt, Integer version) {
        writes.sql("""
                        INSERT INTO analytics_service_clock
                               (customer_id, pseudonym, standard, subject, started_at, due_at, standard_version)
                        VALUES (:c, :p, :standard, :subject, :started, :due, :version) ON CONFLICT DO NOTHING""")
                .param("c", customer).param("p", pseudonym).param("standard", standard).param("subject", subject)
                .param("started", utc(startedAt)).param("due", utc(dueAt)).param("version", version).execute();
    }

    /** A version of a standard, as the service standards book recorded it. */
    void standardVersion(String standard, int version, long withinSeconds, Instant effectiveFrom, String reason,
                         String recordedBy, Instant recordedAt) {
        writes.sql("""
                        INSERT INTO analytics_standard_version VALUES (:s, :v, :within, :from, :reason, :by, :at)
                        ON CONFLICT DO NOTHING""")
                .param("s", standard).param("v", version).param("within", withinSeconds)
                .param("from", utc(effectiveFrom)).param("reason", reason).param("by", recordedBy)
                .param("at", utc(recordedAt)).execute();
    }

    void clockBreached(UUID customer, String pseudonym, String standard, String subject, Instant startedAt,
                       Instant dueAt) {
        clockStarted(customer, pseudonym, standard, subject, startedAt, dueAt, null);
        writes.sql("""
                        UPDATE analytics_service_clock SET breached = TRUE
                         WHERE customer_id = :c AND standard = :standard AND subject = :subject AND started_at = :started""")
                .param("c", customer).param("standard", standard).param("subject", subject)
                .param("started", utc(startedAt)).execute();
    }

    /** The fact that stops a clock happened at {@code at}; the clock's first stop is the one that counts. */
    void clockStopped(UUID customer, String standard, String subject, Instant at) {
        writes.sql("""
                        UPDATE analytics_service_clock SET stopped_at = :at
                         WHERE customer_id = :c AND standard = :standard AND subject = :subject AND stopped_at IS NULL""")
                .param("c", customer).param("standard", standard).param("subject", subject).param("at", utc(at))
                .execute();
    }

    /** A contact that answers every clock of its standard that was running when it happened (a call, an e-mail). */
    void clocksAnswered(UUID customer, String standard, Instant at) {
        writes.sql("""
                        UPDATE analytics_service_clock SET stopped_at = :at
                         WHERE customer_id = :c AND standard = :standard AND started_at <= :at AND stopped_at IS NULL
                           AND NOT breached""")
                .param("c", customer).param("standard", standard).param("at", utc(at)).execute();
    }

    void survey(String eventId, UUID customer, String pseudonym, String kind, double scaled, Instant at) {
        writes.sql("""
                        INSERT INTO analytics_survey VALUES (:e, :c, :p, :kind, :scaled, :at) ON CONFLICT DO NOTHING""")
                .param("e", eventId).param("c", customer).param("p", pseudonym).param("kind", kind)
                .param("scaled", scaled).param("at", utc(at)).execute();
    }

    void consentBreached(String eventId, UUID customer, String pseudonym, String channel, String contact, Instant at) {
        writes.sql("""
                        INSERT INTO analytics_consent_breach VALUES (:e, :c, :p, :channel, :contact, :at)
                        ON CONFLICT DO NOTHING""")
                .param("e", eventId).param("c", customer).param("p", pseudonym).param("channel", channel)
                .param("contact", contact).param("at", utc(at)).execute();
    }

    void loss(UUID customer, String pseudonym, Instant at, String reason) {
        writes.sql("""
                        INSERT INTO analytics_loss (customer_id, pseudonym, lost_at, reason)
                        VALUES (:c, :p, :at, :r) ON CONFLICT DO NOTHING""")
                .param("c", customer).param("p", pseudonym).param("at", utc(at)).param("r", reason).execute();
    }

    /** The reason the customer states for their latest loss (in the lost-account survey). */
    void reasonStated(UUID customer, String reason) {
        writes.sql("""
                        UPDATE analytics_loss SET stated_reason = :r
                         WHERE customer_id = :c
                           AND lost_at = (SELECT max(lost_at) FROM analytics_loss WHERE customer_id = :c)""")
                .param("c", customer).param("r", reason).execute();
    }

    // --- figures ------------------------------------------------------------------------------------------------

    /**
     * Complaints per category, channel or month filed, as the tally keeps them (migration V11: summed by a trigger as
     * each complaint is recorded, so that this reads a few rows, not every complaint).
     */
    List<Count> complaints(String by, int minGroup) {
        return jdbc.sql("""
                        SELECT grp AS g, complaints AS n FROM analytics_complaint_tally
                         WHERE dimension = :by ORDER BY grp""")
                .param("by", by)
                .query((row, i) -> {
                    long n = row.getLong("n");
                    return n < minGroup ? new Count(row.getString("g"), null, true) : new Count(row.getString("g"), n, false);
                }).list();
    }

    /**
     * Hours to the first acknowledgement and resolution, p50 and p90: one sort per duration, not per percentile, of
     * the hours stored with each complaint (migration V12).
     */
    List<Handling> handling(boolean byCategory, int minGroup) {
        String group = byCategory ? "category" : "'ALL'";
        return jdbc.sql("""
                        SELECT g, n, a[1] AS a50, a[2] AS a90, r[1] AS r50, r[2] AS r90 FROM (
                            SELECT %s AS g, count(*) AS n,
                                   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY hours_to_acknowledge) AS a,
                                   percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY hours_to_resolve) AS r
                              FROM analytics_complaint GROUP BY 1) figures
                         ORDER BY g""".formatted(group))
                .query((row, i) -> {
                    long n = row.getLong("n");
                    if (n < minGroup) {
                        return new Handling(row.getString("g"), null, null, null, null, null, true);
                    }
                    return new Handling(row.getString("g"), n, hours(row.getObject("a50")), hours(row.getObject("a90")),
                            hours(row.getObject("r50")), hours(row.getObject("r90")), false);
                }).list();
    }

    /**
     * Compliance per standard, or per standard and the month (UTC) each clock was due; by month, a standard's small
     * months are suppressed together with as many more as keep its published total from giving them back. The clocks
     * due before the current UTC day are decided and read from their days' tallies (migration V12); those due since
     * are counted from their rows: decided once due, or breached.
     */
    List<Compliance> compliance(Instant now, boolean byMonth, int minGroup) {
        record Row(String standard, String month, long decided, long breached, long missed) {
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String month = byMonth ? "to_char(due_day, 'YYYY-MM')" : "NULL";
        List<Row> rows = jdbc.sql("""
                        SELECT standard, %s AS month, sum(clocks) AS decided, sum(breached) AS breached,
                               sum(missed) AS missed
                          FROM (SELECT standard, due_day, clocks, breached, missed
                                  FROM analytics_clock_tally WHERE due_day < :today
                                 UNION ALL
                                SELECT standard, (due_at AT TIME ZONE 'UTC')::date, 1, breached::int,
                                       (breached OR stopped_at IS NULL OR stopped_at > due_at)::int
                                  FROM analytics_service_clock
                                 WHERE due_at >= :todayStarted AND (due_at <= :now OR breached)) clocks
                         GROUP BY standard, month HAVING sum(clocks) > 0 ORDER BY standard, month""".formatted(month))
                .param("today", today).param("todayStarted", utc(today.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("now", utc(now))
                .query((row, i) -> new Row(row.getString("standard"), row.getString("month"), row.getLong("decided"),
                        row.getLong("breached"), row.getLong("missed"))).list();
        List<Compliance> figures = new ArrayList<>();
        rows.stream().collect(Collectors.groupingBy(Row::standard, TreeMap::new, Collectors.toList()))
                .forEach((standard, months) -> {
                    Set<Integer> suppressed = byMonth
                            ? SmallGroups.suppressed(months.stream().map(Row::decided).toList(), minGroup)
                            : months.get(0).decided() < minGroup ? Set.of(0) : Set.of();
                    for (int i = 0; i < months.size(); i++) {
                        Row row = months.get(i);
                        figures.add(suppressed.contains(i)
                                ? new Compliance(standard, row.month(), null, null, null, null, true)
                                : new Compliance(standard, row.month(), row.decided(), row.breached(), row.missed(),
                                ratio(row.decided() - row.missed(), row.decided()), false));
                    }
                });
        return figures;
    }

    /**
     * Compliance per standard and version of the service standards book (the version each clock started under), over
     * the clocks decided as {@link #compliance} counts them, with each version as the book recorded it; every version
     * of a standard with a limit of its own is listed, also one no clock was decided under yet. Clocks of a standard
     * without a limit of its own have no version and are left out. A standard's versions add up to its total, so its
     * small versions are suppressed together as its small months are.
     */
    List<VersionCompliance> complianceByVersion(Instant now, int minGroup) {
        record Row(String standard, int version, long decided, long breached, long missed, Long within,
                   Instant effectiveFrom, String reason, String recordedBy) {
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Row> rows = jdbc.sql("""
                        WITH decided AS (
                            SELECT standard, standard_version AS version, sum(clocks) AS decided,
                                   sum(breached) AS breached, sum(missed) AS missed
                              FROM (SELECT standard, standard_version, clocks, breached, missed
                                      FROM analytics_clock_tally WHERE due_day < :today
                                     UNION ALL
                                    SELECT standard, COALESCE(standard_version, 0), 1, breached::int,
                                           (breached OR stopped_at IS NULL OR stopped_at > due_at)::int
                                      FROM analytics_service_clock
                                     WHERE due_at >= :todayStarted AND (due_at <= :now OR breached)) clocks
                             WHERE standard = ANY (CAST(:standards AS TEXT[]))
                             GROUP BY 1, 2 HAVING sum(clocks) > 0)
                        SELECT COALESCE(d.standard, v.standard) AS standard, COALESCE(d.version, v.version) AS version,
                               COALESCE(d.decided, 0) AS decided, COALESCE(d.breached, 0) AS breached,
                               COALESCE(d.missed, 0) AS missed, v.within_seconds, v.effective_from, v.reason,
                               v.recorded_by
                          FROM decided d
                          FULL JOIN analytics_standard_version v ON v.standard = d.standard AND v.version = d.version
                         ORDER BY 1, 2""")
                .param("today", today).param("todayStarted", utc(today.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .param("now", utc(now))
                .param("standards", java.util.Arrays.stream(io.cxengine.journey.customer.ServiceStandard.values())
                        .filter(io.cxengine.journey.customer.ServiceStandard::hasOwnLimit).map(Enum::name)
                        .toArray(String[]::new))
                .query((row, i) -> new Row(row.getString("standard"), row.getInt("version"), row.getLong("decided"),
                        row.getLong("breached"), row.getLong("missed"), (Long) row.getObject("within_seconds", Long.class),
                        row.getTimestamp("effective_from") == null ? null : row.getTimestamp("effective_from").toInstant(),
                        row.getString("reason"), row.getString("recorded_by"))).list();
        List<VersionCompliance> figures = new ArrayList<>();
        rows.stream().collect(Collectors.groupingBy(Row::standard, TreeMap::new, Collectors.toList()))
                .forEach((standard, versions) -> {
                    Set<Integer> suppressed = SmallGroups.suppressed(versions.stream().map(Row::decided).toList(),
                            minGroup);
                    for (int i = 0; i < versions.size(); i++) {
                        Row row = versions.get(i);
                        Integer version = row.version() == 0 ? null : row.version();
                        String within = row.within() == null ? null : Duration.ofSeconds(row.within()).toString();
                        figures.add(suppressed.contains(i)
                                ? new VersionCompliance(standard, version, within, row.effectiveFrom(), row.reason(),
                                row.recordedBy(), null, null, null, null, true)
                                : new VersionCompliance(standard, version, within, row.effectiveFrom(), row.reason(),
                                row.recordedBy(), row.decided(), row.breached(), row.missed(),
                                ratio(row.decided() - row.missed(), row.decided()), false));
                    }
                });
        return figures;
    }

    /**
     * Consent breaches per channel or per month (UTC) they happened, with the customers they reached; a group that
     * reached fewer customers than the minimum is suppressed.
     */
    List<ConsentBreaches> consentBreaches(String by, int minGroup) {
        String group = "month".equals(by) ? "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')" : "channel";
        List<ConsentBreaches> counted = jdbc.sql("""
                        SELECT %s AS g, count(*) AS n, count(DISTINCT customer_id) AS customers
                          FROM analytics_consent_breach GROUP BY 1 ORDER BY 1""".formatted(group))
                .query((row, i) -> new ConsentBreaches(row.getString("g"), row.getLong("n"), row.getLong("customers"),
                        false)).list();
        // The two breakdowns add up to the same total: a small group is hidden with enough others not to be given back.
        Set<Integer> hidden = SmallGroups.suppressed(counted.stream().map(ConsentBreaches::customers).toList(), minGroup);
        return IntStream.range(0, counted.size()).mapToObj(i -> hidden.contains(i)
                ? new ConsentBreaches(counted.get(i).group(), null, null, true) : counted.get(i)).toList();
    }

    /**
     * Per month or year (UTC): complaints filed and the customers who filed them, and positive survey answers, as the
     * tally of migration V18 keeps them. A count below the minimum group size is null.
     */
    List<IcebergCounted> icebergCounts(String by, int minGroup, List<String> periods) {
        record Counts(String period, long complaints, long complainants, long positive, long happy) {
        }
        List<Counts> rows = jdbc.sql("""
                        SELECT period, complaints, complainants, positive, happy FROM analytics_period_tally
                         WHERE period_kind = :kind ORDER BY period""")
                .param("kind", "year".equals(by) ? "year" : "month")
                .query((row, i) -> new Counts(row.getString("period"), row.getLong("complaints"),
                        row.getLong("complainants"), row.getLong("positive"), row.getLong("happy"))).list();
        // Complaints by month add up to complaints by category: a small month is hidden with enough others.
        Set<Integer> fewComplainants = SmallGroups.suppressed(rows.stream().map(Counts::complainants).toList(), minGroup);
        Set<Integer> fewHappy = SmallGroups.suppressed(rows.stream().map(Counts::happy).toList(), minGroup);
        List<IcebergCounted> counted = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Counts row = rows.get(i);
            periods.add(row.period());
            boolean complaintsHidden = fewComplainants.contains(i);
            counted.add(new IcebergCounted(complaintsHidden ? null : row.complaints(),
                    complaintsHidden ? null : row.complainants(), fewHappy.contains(i) ? null : row.positive()));
        }
        return counted;
    }

    /**
     * Every complaint resolved, read against its customer: the mean of their scaled survey answers before it was filed
     * (the baseline), their first answer after its first resolution, and whether they stayed (no loss recorded after
     * the resolution); grouped by category, channel of its touchpoint, or how long it took to resolve. A group of
     * fewer customers than the minimum is suppressed; so are its satisfaction figures when fewer customers than the
     * minimum answered both before and after.
     */
    List<Recovery> recovery(String by, int minGroup) {
        String group = switch (by) {
            case "channel" -> "COALESCE(channel, 'UNKNOWN')";
            case "resolution" -> """
                    CASE WHEN hours_to_resolve <= 24 THEN 'WITHIN_1_DAY' WHEN hours_to_resolve <= 72 THEN 'WITHIN_3_DAYS'
                         WHEN hours_to_resolve <= 168 THEN 'WITHIN_7_DAYS' ELSE 'LONGER' END""";
            default -> "category";
        };
        List<RecoveryRow> rows = jdbc.sql("""
                        WITH resolved AS (
                            SELECT %s AS g, k.customer_id,
                                   (SELECT avg(s.scaled) FROM analytics_survey s
                                     WHERE s.customer_id = k.customer_id AND s.occurred_at < k.filed_at) AS baseline,
                                   (SELECT s.scaled FROM analytics_survey s
                                     WHERE s.customer_id = k.customer_id AND s.occurred_at > k.resolved_at
                                     ORDER BY s.occurred_at, s.event_id LIMIT 1) AS after,
                                   NOT EXISTS (SELECT FROM analytics_loss l
                                                WHERE l.customer_id = k.customer_id AND l.lost_at > k.resolved_at) AS stayed
                              FROM analytics_complaint k WHERE k.resolved_at IS NOT NULL)
                        SELECT g, count(*) AS resolved, count(DISTINCT customer_id) AS customers,
                               count(*) FILTER (WHERE stayed) AS stayed,
                               count(*) FILTER (WHERE baseline IS NOT NULL AND after IS NOT NULL) AS paired,
                               count(DISTINCT customer_id) FILTER (WHERE baseline IS NOT NULL AND after IS NOT NULL)
                                   AS paired_customers,
                               avg(baseline) FILTER (WHERE after IS NOT NULL) AS baseline,
                               avg(after) FILTER (WHERE baseline IS NOT NULL) AS after
                          FROM resolved GROUP BY g ORDER BY g""".formatted(group))
                .query((row, i) -> new RecoveryRow(row.getString("g"), row.getLong("customers"),
                        row.getLong("resolved"), row.getLong("stayed"), row.getLong("paired"),
                        row.getLong("paired_customers"), score(row.getObject("baseline")),
                        score(row.getObject("after")))).list();
        // The three breakdowns split the same resolved complaints: small groups are hidden with enough others.
        Set<Integer> hidden = SmallGroups.suppressed(rows.stream().map(RecoveryRow::customers).toList(), minGroup);
        Set<Integer> fewPaired = SmallGroups.suppressed(rows.stream().map(RecoveryRow::pairedCustomers).toList(),
                minGroup);
        List<Recovery> figures = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RecoveryRow row = rows.get(i);
            if (hidden.contains(i)) {
                figures.add(new Recovery(row.group(), null, null, null, null, null, null, null, true));
                continue;
            }
            boolean pairedShown = !fewPaired.contains(i) && row.pairedCustomers() > 0;
            BigDecimal baseline = pairedShown ? row.baseline() : null;
            BigDecimal after = pairedShown ? row.after() : null;
            figures.add(new Recovery(row.group(), row.resolved(), row.stayed(), ratio(row.stayed(), row.resolved()),
                    pairedShown ? row.paired() : null, baseline, after,
                    baseline == null || after == null ? null : after.subtract(baseline), false));
        }
        return figures;
    }

    private record RecoveryRow(String group, long customers, long resolved, long stayed, long paired,
                               long pairedCustomers, BigDecimal baseline, BigDecimal after) {
    }

    private static BigDecimal score(Object value) {
        return value == null ? null
                : BigDecimal.valueOf(((Number) value).doubleValue()).setScale(4, RoundingMode.HALF_UP);
    }

    /**
     * Conversations (a customer's touchpoints that name one conversation), grouped by the agent of their first contact
     * with one, the channel of their first contact, or the category of a complaint filed about one of their contacts
     * ({@code NONE} when none): how many, how many reached each interaction-cycle stage and skipped it (a later stage
     * reached, this one not), how many reached closing, and the valence of their last contact; as the tallies of
     * migration V18 keep them. A group of fewer customers than the minimum is suppressed (its customers are counted up
     * to the minimum, not all of them).
     */
    List<Conversations> conversations(String by, int minGroup) {
        String dimension = switch (by) {
            case "channel", "category" -> by;
            default -> "agent";
        };
        return jdbc.sql("""
                        SELECT grp AS g, conversations AS n, greeting, understanding, agreeing, delivering, closing,
                               skipped_greeting, skipped_understanding, skipped_agreeing, skipped_delivering,
                               positive, negative,
                               (SELECT count(*) FROM (SELECT FROM analytics_conversation_customer c
                                                       WHERE c.dimension = t.dimension AND c.grp = t.grp
                                                         AND c.conversations > 0 LIMIT :min) few) AS customers
                          FROM analytics_conversation_tally t
                         WHERE dimension = :dimension AND conversations > 0 ORDER BY grp""")
                .param("dimension", dimension).param("min", minGroup)
                .query((row, i) -> {
                    String g = row.getString("g");
                    if (row.getLong("customers") < minGroup) {
                        return new Conversations(g, null, null, null, null, null, null, null, true);
                    }
                    long n = row.getLong("n");
                    Map<String, Long> reached = new java.util.LinkedHashMap<>();
                    Map<String, Long> skipped = new java.util.LinkedHashMap<>();
                    for (String stage : new String[]{"greeting", "understanding", "agreeing", "delivering", "closing"}) {
                        reached.put(stage.toUpperCase(java.util.Locale.ROOT), row.getLong(stage));
                        if (!stage.equals("closing")) {
                            skipped.put(stage.toUpperCase(java.util.Locale.ROOT), row.getLong("skipped_" + stage));
                        }
                    }
                    long closing = row.getLong("closing");
                    long positive = row.getLong("positive");
                    long negative = row.getLong("negative");
                    return new Conversations(g, n, reached, skipped, closing, ratio(closing, n), ratio(positive, n),
                            ratio(negative, n), false);
                }).list();
    }

    /**
     * Agents' notes checked against the phrases to avoid, per agent: notes checked, notes that used any, and the uses of
     * each phrase, as the tallies of migration V18 keep them. An agent whose notes are about fewer customers than the
     * minimum is suppressed.
     */
    List<PhrasesUsed> phrasesToAvoid(int minGroup) {
        record Row(String agent, long notes, long customers, long flagged, String phrase, Long uses) {
        }
        List<Row> rows = jdbc.sql("""
                        SELECT n.agent, n.notes, n.flagged, u.phrase, u.uses,
                               (SELECT count(*) FROM (SELECT FROM analytics_note_customer c WHERE c.agent = n.agent
                                                       LIMIT :min) few) AS customers
                          FROM analytics_note_tally n LEFT JOIN analytics_phrase_tally u ON u.agent = n.agent
                         WHERE n.notes > 0 ORDER BY n.agent, u.phrase""")
                .param("min", minGroup)
                .query((row, i) -> new Row(row.getString("agent"), row.getLong("notes"), row.getLong("customers"),
                        row.getLong("flagged"), row.getString("phrase"), (Long) row.getObject("uses", Long.class)))
                .list();
        List<PhrasesUsed> figures = new ArrayList<>();
        rows.stream().collect(Collectors.groupingBy(Row::agent, TreeMap::new, Collectors.toList()))
                .forEach((agent, uses) -> {
                    Row first = uses.get(0);
                    if (first.customers() < minGroup) {
                        figures.add(new PhrasesUsed(agent, null, null, null, null, true));
                        return;
                    }
                    Map<String, Long> perPhrase = new TreeMap<>();
                    uses.stream().filter(use -> use.phrase() != null)
                            .forEach(use -> perPhrase.put(use.phrase(), use.uses()));
                    figures.add(new PhrasesUsed(agent, first.notes(), first.flagged(),
                            ratio(first.flagged(), first.notes()), perPhrase, false));
                });
        return figures;
    }

    /** Moments and positive moments per channel or stage, as the tally keeps them (migration V11). */
    List<Ratio> moments(String by, int minGroup) {
        return jdbc.sql("""
                        SELECT grp AS g, moments AS n, positive AS p FROM analytics_moment_tally
                         WHERE dimension = :by ORDER BY grp""")
                .param("by", by)
                .query((row, i) -> {
                    long n = row.getLong("n");
                    long p = row.getLong("p");
                    return n < minGroup ? new Ratio(row.getString("g"), null, null, null, true)
                            : new Ratio(row.getString("g"), n, p, ratio(p, n), false);
                }).list();
    }

    /** How many losses were recorded with a reason, and how many customers stated it. */
    record LossReasonCount(String reason, long recorded, long stated) {
    }

    /** Losses per reason, as recorded and as stated. */
    List<LossReasonCount> lossReasons() {
        return jdbc.sql("""
                        SELECT r, sum(recorded) AS recorded, sum(stated) AS stated FROM (
                            SELECT reason AS r, 1 AS recorded, 0 AS stated FROM analytics_loss
                            UNION ALL
                            SELECT stated_reason, 0, 1 FROM analytics_loss WHERE stated_reason IS NOT NULL
                        ) l GROUP BY r""")
                .query((row, i) -> new LossReasonCount(row.getString("r"), row.getLong("recorded"), row.getLong("stated")))
                .list();
    }

    /**
     * Customers and those kept, per how their complaints were handled: from each customer's complaints, open
     * complaints and slowest first resolution, which the triggers of migration V11 keep on the customer's row.
     */
    List<Retention> retention(Duration quick, int minGroup) {
        return jdbc.sql("""
                        SELECT handling, count(*) AS n, count(*) FILTER (WHERE NOT lost) AS kept FROM (
                            SELECT lost,
                                   CASE WHEN complaints = 0 THEN 'NEVER_COMPLAINED'
                                        WHEN open_complaints > 0 THEN 'NEVER_RESOLVED'
                                        WHEN slowest_resolution <= :quick THEN 'RESOLVED_QUICKLY'
                                        ELSE 'RESOLVED_SLOWLY' END AS handling
                              FROM analytics_customer) handled
                         GROUP BY handling ORDER BY handling""")
                .param("quick", quick.toSeconds())
                .query((row, i) -> {
                    long n = row.getLong("n");
                    long kept = row.getLong("kept");
                    return n < minGroup ? new Retention(row.getString("handling"), null, null, null, true)
                            : new Retention(row.getString("handling"), n, kept, ratio(kept, n), false);
                }).list();
    }

    static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    private static Double hours(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 100) / 100.0;
    }

}
