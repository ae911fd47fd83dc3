package io.cxengine.journey.query.lostaccount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.platform.projection.ProjectionWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.cxengine.journey.platform.SqlTime.utc;

/** The SQL of {@code read_model.lost_account} and its working history; only the lost-account projection writes them. */
@Repository
class LostAccountTable {

    /** The tables this SQL keeps, in the read-model schema; a rebuild fills copies of them and swaps them in. */
    static final List<String> TABLES = List.of("lost_account", "lost_account_history", "lost_account_tally");

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final JdbcClient jdbc;
    private final ProjectionWrites writes;

    LostAccountTable(JdbcClient jdbc, ProjectionWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    /** The customer's history for the projection: read once a batch, kept until the batch commits. */
    JourneyHistory history(CustomerId customer) {
        return writes.kept(key(customer), () -> storedHistory(customer));
    }

    private JourneyHistory storedHistory(CustomerId customer) {
        return jdbc.sql("SELECT state::text FROM lost_account_history WHERE customer_id = :customer")
                .param("customer", customer.value())
                .query(String.class).optional()
                .map(state -> read(state, new TypeReference<JourneyHistory>() {
                }))
                .orElse(JourneyHistory.NONE);
    }

    /** The customer's history as it now stands, kept for the rest of the batch and written once per batch. */
    void save(CustomerId customer, JourneyHistory history) {
        writes.keep(key(customer), history);
        writes.sql("""
                        INSERT INTO lost_account_history (customer_id, state) VALUES (:customer, CAST(:state AS JSONB))
                        ON CONFLICT (customer_id) DO UPDATE SET state = EXCLUDED.state""")
                .param("customer", customer.value()).param("state", write(history))
                .replacing(key(customer))
                .execute();
    }

    void lost(CustomerId customer, Instant lostAt, String reason, String detail, BigDecimal annualRevenue,
              BigDecimal clvLost, List<JourneyHistory.RevealedReason> revealed, List<JourneyHistory.LastMoment> last,
              Integer daysSincePositive, Integer daysSilent) {
        // The reasons of the reference the loss reveals, each once: what the tally of migration V21 counts.
        String[] reveals = revealed.stream().map(r -> JourneyHistory.POINTS_TO.get(r.reason()))
                .filter(java.util.Objects::nonNull).map(Enum::name).distinct().sorted().toArray(String[]::new);
        writes.sql("""
                        INSERT INTO lost_account
                               (customer_id, lost_at, reason, detail, annual_revenue, clv_lost, revealed_reasons,
                                last_moments, days_since_positive, days_silent, reveals)
                        VALUES (:customer, :lostAt, :reason, :detail, :annual, :clv, CAST(:revealed AS JSONB),
                                CAST(:last AS JSONB), :sincePositive, :silent, CAST(:reveals AS TEXT[]))
                        ON CONFLICT (customer_id, lost_at) DO NOTHING""")
                .param("customer", customer.value()).param("lostAt", utc(lostAt)).param("reason", reason)
                .param("detail", detail).param("annual", annualRevenue).param("clv", clvLost)
                .param("revealed", write(revealed)).param("last", write(last)).param("reveals", reveals)
                .param("sincePositive", daysSincePositive).param("silent", daysSilent)
                .execute();
    }

    /** The reason the customer states for their latest loss (in the lost-account survey). */
    void reasonStated(CustomerId customer, String statedReason) {
        latestLoss(customer, "stated_reason = :stated").param("stated", statedReason).execute();
    }

    /** One more attempt to win the customer back after their latest loss. */
    void winBackAttempted(CustomerId customer) {
        latestLoss(customer, "win_back_attempts = win_back_attempts + 1").execute();
    }

    /** The customer came back after their latest loss: won back if anyone tried. */
    void reactivated(CustomerId customer, Instant at) {
        latestLoss(customer, "reactivated_at = :at, won_back = win_back_attempts > 0").param("at", utc(at)).execute();
    }

    private ProjectionWrites.Write latestLoss(CustomerId customer, String set) {
        return writes.sql("""
                        UPDATE lost_account SET %s
                         WHERE customer_id = :customer
                           AND lost_at = (SELECT max(lost_at) FROM lost_account WHERE customer_id = :customer)
                        """.formatted(set))
                .param("customer", customer.value());
    }

    /**
     * The losses, and per reason of the reference how many losses reveal it (one of the revealed reasons that point to
     * it, {@link JourneyHistory#POINTS_TO}), as the tally of migration V21 keeps them: one statement, so that both
     * counts are of the same snapshot.
     */
    RevealedReasonCounts revealing() {
        long[] losses = {0};
        Map<LossReason, Long> revealing = new EnumMap<>(LossReason.class);
        jdbc.sql("SELECT reason, losses FROM lost_account_tally").query((row, n) -> {
            if (row.getString("reason").equals("*")) {
                losses[0] = row.getLong("losses");
            } else {
                revealing.put(LossReason.valueOf(row.getString("reason")), row.getLong("losses"));
            }
            return n;
        }).list();
        return new RevealedReasonCounts(losses[0], revealing);
    }

    /** One page and one row more (to tell whether another page follows), after the given customer's loss. */
    List<LostAccountRow> page(ListLostAccounts query, UUID afterCustomer) {
        return jdbc.sql("""
                        SELECT customer_id, lost_at, reason, stated_reason, revealed_reasons, annual_revenue, clv_lost,
                               last_moments, days_since_positive, days_silent, win_back_attempts, reactivated_at,
                               won_back
                          FROM lost_account
                         WHERE (CAST(:reason AS TEXT) IS NULL OR reason = :reason OR stated_reason = :reason)
                           AND (CAST(:from AS TIMESTAMPTZ) IS NULL OR lost_at >= :from)
                           AND (CAST(:to AS TIMESTAMPTZ) IS NULL OR lost_at < :to)
                           AND (CAST(:afterAt AS TIMESTAMPTZ) IS NULL OR (lost_at, customer_id) < (:afterAt, :afterCustomer))
                         ORDER BY lost_at DESC, customer_id DESC
                         LIMIT :limit""")
                .param("reason", query.reason()).param("from", utc(query.from())).param("to", utc(query.to()))
                .param("afterAt", utc(query.afterLostAt()))
                .param("afterCustomer", afterCustomer == null ? new UUID(0, 0) : afterCustomer)
                .param("limit", query.limit() + 1)
                .query(LostAccountTable::row)
                .list();
    }

    /** The customer was forgotten: free text leaves their losses and the working history. */
    void erased(CustomerId customer) {
        writes.sql("""
                        UPDATE lost_account
                           SET detail = NULL,
                               last_moments = COALESCE((SELECT jsonb_agg(moment - 'summary')
                                                          FROM jsonb_array_elements(last_moments) moment), '[]'::jsonb)
                         WHERE customer_id = :customer""")
                .param("customer", customer.value()).execute();
    }

    private static String key(CustomerId customer) {
        return "lost_account_history:" + customer;
    }

    private static LostAccountRow row(ResultSet row, int number) throws SQLException {
        OffsetDateTime reactivated = row.getObject("reactivated_at", OffsetDateTime.class);
        return new LostAccountRow(row.getObject("customer_id", UUID.class),
                row.getObject("lost_at", OffsetDateTime.class).toInstant(), row.getString("reason"),
                row.getString("stated_reason"),
                read(row.getString("revealed_reasons"), new TypeReference<>() {
                }),
                row.getBigDecimal("annual_revenue"), row.getBigDecimal("clv_lost"),
                read(row.getString("last_moments"), new TypeReference<>() {
                }),
                (Integer) row.getObject("days_since_positive"), (Integer) row.getObject("days_silent"),
                row.getInt("win_back_attempts"), reactivated == null ? null : reactivated.toInstant(),
                row.getBoolean("won_back"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
