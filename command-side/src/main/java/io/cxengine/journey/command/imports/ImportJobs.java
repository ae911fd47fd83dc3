package io.cxengine.journey.command.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL of {@code import_job} and {@code import_refusal}. An import's progress advances in the transaction that
 * records its lines ({@link #advance}), so a line is marked done exactly when its facts (or its refusal) are stored.
 */
@Repository
class ImportJobs {

    /** The first key of every import's advisory lock ("JI"), apart from the customers' and the keys'. */
    static final int LOCK_CLASS = 0x4A49;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportJobs(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An import as stored: whose it is, how far it got, and the digest of the lines it did. */
    record Job(UUID importId, String client, Instant startedAt, Instant updatedAt, Instant finishedAt, long lines,
               long commands, long facts, long refusals, byte[] digest) {
    }

    /** What one batch did: its lines, accepted commands, recorded facts and refused lines. */
    record Batch(long lines, long commands, long facts, List<RefusedLine> refused, byte[] digest) {
    }

    /** A refused line with the problem its endpoint would have answered. */
    record RefusedLine(long line, ProblemDetail problem) {
    }

    /** The import as stored, and whether this call began it (for this client). */
    record Opened(Job job, boolean begun) {
    }

    /** The import, begun for this client if it is new. */
    Opened open(UUID importId, String client, String principal, Instant now, byte[] emptyDigest) {
        int begun = jdbc.sql("""
                        INSERT INTO import_job (import_id, client, principal, started_at, updated_at, digest)
                        VALUES (:id, :client, :principal, :now, :now, :digest)
                        ON CONFLICT (import_id) DO NOTHING""")
                .param("id", importId)
                .param("client", client)
                .param("principal", principal)
                .param("now", Timestamp.from(now))
                .param("digest", emptyDigest)
                .update();
        return new Opened(find(importId).orElseThrow(), begun == 1);
    }

    Optional<Job> find(UUID importId) {
        return jdbc.sql("""
                        SELECT import_id, client, started_at, updated_at, finished_at, lines, commands, facts, refusals,
                               digest
                          FROM import_job WHERE import_id = :id""")
                .param("id", importId)
                .query((row, index) -> new Job(row.getObject("import_id", UUID.class), row.getString("client"),
                        instant(row.getTimestamp("started_at")), instant(row.getTimestamp("updated_at")),
                        instant(row.getTimestamp("finished_at")), row.getLong("lines"), row.getLong("commands"),
                        row.getLong("facts"), row.getLong("refusals"), row.getBytes("digest")))
                .optional();
    }

    /**
     * Marks a batch done, in the transaction that recorded it; the last batch also finishes the import. The batch
     * follows {@code linesBefore} lines done: if the import stands elsewhere (another request did lines meanwhile,
     * should the import's lock ever have been lost), nothing is marked and the batch is rolled back.
     */
    void advance(UUID importId, long linesBefore, Batch batch, boolean last, Instant now) {
        int advanced = jdbc.sql("""
                        UPDATE import_job
                           SET lines = lines + :lines, commands = commands + :commands, facts = facts + :facts,
                               refusals = refusals + :refusals, digest = :digest, updated_at = :now,
                               finished_at = CASE WHEN :last THEN CAST(:now AS TIMESTAMP WITH TIME ZONE) END
                         WHERE import_id = :id AND lines = :before""")
                .param("id", importId)
                .param("before", linesBefore)
                .param("last", last)
                .param("lines", batch.lines())
                .param("commands", batch.commands())
                .param("facts", batch.facts())
                .param("refusals", batch.refused().size())
                .param("digest", batch.digest())
                .param("now", Timestamp.from(now))
                .update();
        if (advanced != 1) {
            throw new IllegalStateException("Import %s is no longer at line %d: another request imported into it"
                    .formatted(importId, linesBefore));
        }
        for (RefusedLine refused : batch.refused()) {
            jdbc.sql("INSERT INTO import_refusal (import_id, line, problem) VALUES (:id, :line, :problem)")
                    .param("id", importId)
                    .param("line", refused.line())
                    .param("problem", text(refused.problem()))
                    .update();
        }
    }

    /** Refused lines after {@code afterLine}, in line order, at most {@code limit}. */
    List<ImportReport.Refusal> refusals(UUID importId, long afterLine, int limit) {
        return jdbc.sql("""
                        SELECT line, problem FROM import_refusal
                         WHERE import_id = :id AND line > :after ORDER BY line LIMIT :limit""")
                .param("id", importId)
                .param("after", afterLine)
                .param("limit", limit)
                .query((row, index) -> new ImportReport.Refusal(row.getLong("line"), tree(row.getString("problem"))))
                .list();
    }

    /** Whether a request (in any engine process) is importing lines into this import now. */
    boolean running(UUID importId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT FROM pg_locks
                                        WHERE locktype = 'advisory' AND granted AND objsubid = 2
                                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                          AND classid::bigint = :class AND objid::bigint = (:key::bigint & 4294967295))""")
                .param("class", LOCK_CLASS)
                .param("key", key(importId))
                .query(Boolean.class)
                .single();
    }

    /** The key of an import's lock within {@link #LOCK_CLASS}. */
    static int key(UUID importId) {
        return importId.hashCode();
    }

    private String text(ProblemDetail problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the problem of a refused line", e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String problem) {
        try {
            return json.readTree(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A refused line's problem is not JSON", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
