package io.cxengine.journey.query.timeline;

import io.cxengine.journey.query.http.PageCursor;
import io.cxengine.journey.query.moment.Moment;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.cxengine.journey.platform.SqlTime.utc;

/** The SQL of {@code read_model.moment_of_truth}; only the moment-of-truth projection writes it. */
@Repository
class TimelineTable {

    /** The tables this SQL keeps, in the read-model schema; a rebuild fills copies of them and swaps them in. */
    static final List<String> TABLES = List.of("moment_of_truth");

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    TimelineTable(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** Adds a moment; keyed by the event's id, so a replayed event is not added twice. */
    void add(String eventId, UUID customer, long sequence, Instant occurredAt, Instant recordedAt, Moment moment) {
        writes.sql("""
                        INSERT INTO moment_of_truth
                               (event_id, customer_id, sequence, occurred_at, recorded_at, kind, channel, stage, valence,
                                summary)
                        VALUES (:event, :customer, :sequence, :occurredAt, :recordedAt, :kind, :channel, :stage,
                                :valence, :summary)
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("event", eventId)
                .param("customer", customer)
                .param("sequence", sequence)
                .param("occurredAt", utc(occurredAt))
                .param("recordedAt", utc(recordedAt))
                .param("kind", moment.kind().name())
                .param("channel", moment.channel() == null ? null : moment.channel().name())
                .param("stage", moment.stage() == null ? null : moment.stage().name())
                .param("valence", moment.valence() == null ? null : moment.valence().name())
                .param("summary", moment.summary())
                .execute();
    }

    List<MomentOfTruthView> page(ListMomentsOfTruth query) {
        PageCursor after = query.after();
        return jdbc.sql("""
                        SELECT event_id, sequence, occurred_at, recorded_at, kind, channel, stage, valence, summary
                          FROM moment_of_truth
                         WHERE customer_id = :customer
                           AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR occurred_at >= :from)
                           AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR occurred_at < :to)
                           AND (CAST(:channel AS TEXT) IS NULL OR channel = :channel)
                           AND (CAST(:valence AS TEXT) IS NULL OR valence = :valence)
                           AND (CAST(:afterAt AS TIMESTAMPTZ) IS NULL OR (occurred_at, sequence) < (:afterAt, :afterSequence))
                         ORDER BY occurred_at DESC, sequence DESC
                         LIMIT :limit""")
                .param("customer", query.customerId().value())
                .param("from", utc(query.from()))
                .param("to", utc(query.to()))
                .param("channel", query.channel())
                .param("valence", query.valence())
                .param("afterAt", after == null ? null : utc(after.at()))
                .param("afterSequence", after == null ? 0 : Long.parseLong(after.tieBreaker()))
                .param("limit", query.limit() + 1)
                .query(TimelineTable::view)
                .list();
    }

    boolean holdsMomentsOf(UUID customer) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM moment_of_truth WHERE customer_id = :customer)")
                .param("customer", customer).query(Boolean.class).single();
    }

    MomentOfTruthView find(String eventId) {
        writes.flush();
        return jdbc.sql("""
                        SELECT event_id, sequence, occurred_at, recorded_at, kind, channel, stage, valence, summary
                          FROM moment_of_truth WHERE event_id = :event""")
                .param("event", eventId).query(TimelineTable::view).single();
    }

    /** The customer was forgotten: summaries, which may quote what they said, keep only what kind of moment it was. */
    void erased(UUID customer) {
        writes.sql("""
                        UPDATE moment_of_truth
                           SET summary = initcap(replace(lower(kind), '_', ' ')) || ' (personal details erased)'
                         WHERE customer_id = :customer""")
                .param("customer", customer).execute();
    }


    private static MomentOfTruthView view(ResultSet row, int number) throws SQLException {
        return new MomentOfTruthView(row.getString("event_id"), row.getLong("sequence"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                row.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                row.getString("kind"), row.getString("channel"), row.getString("stage"), row.getString("valence"),
                row.getString("summary"));
    }
}
