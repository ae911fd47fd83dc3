package io.cxengine.journey.platform.accesslog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.cxengine.journey.platform.SqlTime.utc;

/** The access log in the event store's database: appended to, read newest first, never changed. */
public class AccessLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;

    AccessLog(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Committed on its own, whatever the read runs in: the entry must be durable before the answer leaves.
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Appends one entry and commits it; throws if it could not be committed. */
    void append(AccessRead read, String outcome, Long entries) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO access_log (at, subject, client, scopes, token_id, operation, http_method, path,
                                                customer_id, outcome, entries, correlation_id, purpose)
                        VALUES (:at, :subject, :client, :scopes, :tokenId, :operation, :method, :path,
                                :customerId, :outcome, :entries, :correlationId, :purpose)""")
                .param("at", utc(clock.instant()))
                .param("subject", read.caller().subject())
                .param("client", read.caller().client())
                .param("scopes", String.join(" ", read.caller().scopes().stream().sorted().toList()))
                .param("tokenId", read.caller().tokenId())
                .param("operation", read.operation())
                .param("method", read.method())
                .param("path", read.path())
                .param("customerId", read.customerId())
                .param("outcome", outcome)
                .param("entries", entries)
                .param("correlationId", read.correlationId())
                .param("purpose", read.purpose())
                .update());
    }

    /** The entries the filter selects, newest first, one page of {@code limit}. */
    public AccessLogPage page(AccessLogFilter filter) {
        // Fetches one more than the page, to know whether a next page exists without a count.
        List<AccessEntry> rows = jdbc.sql("""
                        SELECT id, at, subject, client, scopes, token_id, operation, http_method, path, customer_id,
                               outcome, entries, correlation_id, purpose
                          FROM access_log
                         WHERE (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
                           AND (CAST(:subject AS text) IS NULL OR subject = :subject)
                           AND (CAST(:client AS text) IS NULL OR client = :client)
                           AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
                           AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
                           AND (CAST(:before AS bigint) IS NULL OR id < :before)
                         ORDER BY id DESC
                         LIMIT :limit""")
                .param("customerId", filter.customerId())
                .param("subject", filter.subject())
                .param("client", filter.client())
                .param("from", utc(filter.from()))
                .param("to", utc(filter.to()))
                .param("before", filter.before())
                .param("limit", filter.limit() + 1)
                .query(AccessLog::entry)
                .list();
        if (rows.size() <= filter.limit()) {
            return new AccessLogPage(rows, null);
        }
        List<AccessEntry> page = rows.subList(0, filter.limit());
        return new AccessLogPage(List.copyOf(page), String.valueOf(page.get(page.size() - 1).id()));
    }

    private static AccessEntry entry(ResultSet row, int number) throws SQLException {
        return new AccessEntry(row.getLong("id"), row.getObject("at", OffsetDateTime.class).toInstant(),
                row.getString("subject"), row.getString("client"),
                Arrays.stream(row.getString("scopes").split(" ")).filter(s -> !s.isEmpty()).toList(),
                row.getString("token_id"), row.getString("operation"), row.getString("http_method"),
                row.getString("path"), row.getObject("customer_id", UUID.class), row.getString("outcome"),
                row.getObject("entries", Long.class), row.getString("correlation_id"), row.getString("purpose"));
    }
}
