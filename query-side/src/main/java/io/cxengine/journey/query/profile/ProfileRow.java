package io.cxengine.journey.query.profile;

import io.cxengine.journey.platform.SqlTime;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One row of {@code read_model.customer_profile}, with the figures read beside it, as stored. */
record ProfileRow(UUID customerId, String name, String email, String phone, String identifiedVia,
                  Instant registeredAt, String status, Map<String, Map<String, String>> attributes,
                  List<String> consents, String declaredChannel, Map<String, Integer> inboundChannels,
                  int[] contactHours, int purchaseCount, BigDecimal revenue, String currency, Instant firstPurchaseAt,
                  Instant lastPurchaseAt, int relationshipBalance, int recentBalance, int openComplaints,
                  int pendingFollowUps, Instant lastContactAt, List<Survey> recentSurveys, Instant lostAt,
                  Instant reactivatedAt, List<String> riskSigns, Instant atRiskSince, long version) {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** A survey score, oldest first among the recent ones. */
    record Survey(String kind, int score, Instant at) {
    }

    /** A customer found by a phone number or an e-mail address. */
    record Match(UUID customerId, String name, Instant lostAt, Instant reactivatedAt, int purchaseCount,
                 String identifiedVia) {
    }

    static ProfileRow read(ResultSet row, int number) throws SQLException {
        return new ProfileRow(
                row.getObject("customer_id", UUID.class),
                row.getString("name"),
                row.getString("email"),
                row.getString("phone"),
                row.getString("identified_via"),
                SqlTime.instant(row.getObject("registered_at", OffsetDateTime.class)),
                row.getString("status"),
                json(row.getString("attributes"), new TypeReference<>() {
                }),
                Arrays.asList((String[]) row.getArray("consents").getArray()),
                row.getString("declared_channel"),
                json(row.getString("inbound_channels"), new TypeReference<>() {
                }),
                ints(row.getArray("contact_hours")),
                row.getInt("purchase_count"),
                row.getBigDecimal("revenue"),
                row.getString("currency"),
                SqlTime.instant(row.getObject("first_purchase_at", OffsetDateTime.class)),
                SqlTime.instant(row.getObject("last_purchase_at", OffsetDateTime.class)),
                row.getInt("relationship_balance"),
                row.getInt("recent_balance"),
                row.getInt("open_complaints"),
                row.getInt("pending_follow_ups"),
                SqlTime.instant(row.getObject("last_contact_at", OffsetDateTime.class)),
                json(row.getString("recent_surveys"), new TypeReference<>() {
                }),
                SqlTime.instant(row.getObject("lost_at", OffsetDateTime.class)),
                SqlTime.instant(row.getObject("reactivated_at", OffsetDateTime.class)),
                Arrays.asList((String[]) row.getArray("risk_signs").getArray()),
                SqlTime.instant(row.getObject("at_risk_since", OffsetDateTime.class)),
                row.getLong("version"));
    }

    private static int[] ints(Array array) throws SQLException {
        Integer[] values = (Integer[]) array.getArray();
        return Arrays.stream(values).mapToInt(Integer::intValue).toArray();
    }

    private static <T> T json(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
