package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Analysts never see a person: with a canary in every personal field of several customers, every answer a
 * {@code journey.analyze} token can obtain (every operation the OpenAPI document grants that scope, every page of
 * it) and every row the {@code journey_analyst} database role can select hold neither the canary nor a customer id,
 * while the customers are there, by pseudonym.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalystPrivacyIT extends EngineIntegration {

    @Autowired
    EmbeddedPostgresServer postgres;
    @Autowired
    Pseudonyms pseudonyms;

    @Test
    @DisplayName("no answer to an analyst and no row the analyst role reads holds a planted canary or a customer id")
    void analystsSeeNoPerson() throws SQLException {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Api writer = new Api(port);
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            customers.add(plant(writer, canary + i, i));
        }
        Api analyst = Api.withScopes(port, "journey.analyze");
        List<String> ours = customers.stream().map(id -> pseudonyms.of(UUID.fromString(id)).value()).toList();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                analyst.get("/lost-accounts?limit=500").json().findValuesAsText("pseudonym")).containsAll(ours));

        Map<String, String> answers = new LinkedHashMap<>();
        for (String path : analystOperations(writer)) {
            if (path.contains("{pseudonym}")) {
                for (String pseudonym : ours) {
                    String concrete = path.replace("{pseudonym}", pseudonym);
                    // Each projection catches up on its own: the timeline may lag behind the lost accounts.
                    Api.Response answer = await().atMost(Duration.ofSeconds(20)).until(() -> analyst.get(concrete),
                            reply -> reply.status() == 200);
                    answers.put(concrete, answer.body());
                }
            } else if (path.contains("{id}")) {
                // A what-if run: asked, then read once it is done.
                assertThat(path).isEqualTo("/analytics/what-if/{id}");
                java.time.LocalDate month = java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1);
                String question = """
                        {"from": "%sT00:00:00Z", "to": "%sT00:00:00Z", "standards": {"EMAIL_RESPONSE": "PT12H"}}"""
                        .formatted(month.minusMonths(3), month);
                String location = await().atMost(Duration.ofSeconds(20)).until(() -> analyst.post("/analytics/what-if",
                        question), reply -> reply.status() == 202).header("Location");
                Api.Response done = await().atMost(Duration.ofSeconds(60)).until(() -> analyst.get(location),
                        reply -> reply.json().get("state").asText().equals("DONE"));
                answers.put(location, done.body());
            } else {
                collectPages(analyst, path, answers);
            }
        }
        assertThat(answers.keySet()).as("the analysts' operations")
                .anyMatch(path -> path.startsWith("/lost-accounts"))
                .anyMatch(path -> path.endsWith("/profile"))
                .anyMatch(path -> path.endsWith("/timeline"))
                .anyMatch(path -> path.startsWith("/analytics/complaints"));
        assertThat(String.join("\n", answers.values())).as("everything analysts were answered").contains(ours.get(0));
        answers.forEach((path, body) -> {
            assertThat(body).as(path).doesNotContainIgnoringCase(canary);
            customers.forEach(id -> assertThat(body).as(path).doesNotContainIgnoringCase(id));
        });

        String rows = rowsTheAnalystRoleReads();
        assertThat(rows).as("the analyst schema holds our customers, by pseudonym").contains(ours.get(0));
        assertThat(rows).doesNotContainIgnoringCase(canary);
        customers.forEach(id -> assertThat(rows).doesNotContainIgnoringCase(id));
    }

    /** Every GET the OpenAPI document grants journey.analyze, with the query parameters that are required left out. */
    private List<String> analystOperations(Api api) {
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        List<String> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            JsonNode get = path.getValue().get("get");
            if (get != null && get.path("x-scopes").toString().contains("\"journey.analyze\"")) {
                operations.add(path.getKey());
            }
        }
        assertThat(operations).hasSizeGreaterThanOrEqualTo(9);
        return operations;
    }

    /** An answer and, for a listing, every following page. */
    private static void collectPages(Api analyst, String path, Map<String, String> answers) {
        String next = path + "?limit=100";
        for (int page = 0; next != null && page < 100; page++) {
            Api.Response answer = analyst.get(next);
            assertThat(answer.status()).as(next + " " + answer).isEqualTo(200);
            answers.put(next, answer.body());
            JsonNode cursor = answer.json().get("next");
            next = cursor == null || cursor.isNull() ? null
                    : path + "?limit=100&cursor=" + URLEncoder.encode(cursor.asText(), StandardCharsets.UTF_8);
        }
    }

    /** Every row of every table and view a login granted only journey_analyst can select, as text. */
    private String rowsTheAnalystRoleReads() throws SQLException {
        String login = "analyst_" + UUID.randomUUID().toString().substring(0, 8);
        SchemaOwner.sql(postgres).sql("CREATE ROLE " + login + " LOGIN PASSWORD 'secret' IN ROLE journey_analyst")
                .update();
        StringBuilder rows = new StringBuilder();
        try (Connection analyst = DriverManager.getConnection(postgres.jdbcUrl(), login, "secret");
             Statement sql = analyst.createStatement()) {
            List<String> readable = new ArrayList<>();
            try (ResultSet tables = sql.executeQuery("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                     WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
                       AND has_table_privilege(quote_ident(table_schema) || '.' || quote_ident(table_name), 'SELECT')""")) {
                while (tables.next()) {
                    readable.add(tables.getString(1));
                }
            }
            assertThat(readable).as("what journey_analyst may read")
                    .isNotEmpty().allMatch(table -> table.startsWith("analyst."));
            for (String table : readable) {
                try (ResultSet all = sql.executeQuery("SELECT CAST(t.* AS text) FROM " + table + " t")) {
                    while (all.next()) {
                        rows.append(all.getString(1)).append('\n');
                    }
                }
            }
            for (String forbidden : List.of("read_model.customer_profile", "read_model.analytics_customer",
                    "domain_event_entry", "access_log")) {
                assertThatThrownBy(() -> sql.executeQuery("SELECT 1 FROM " + forbidden + " LIMIT 1"))
                        .as(forbidden).isInstanceOf(SQLException.class);
            }
        }
        return rows.toString();
    }

    /** A customer with the canary in every personal and free-text field, a complaint, a survey, a loss. */
    static String plant(Api api, String canary, int n) {
        String customer = UUID.randomUUID().toString();
        String c = "/customers/" + customer;
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "%s Lovelace", "email": "%s@example.com", "phone": "+44 20 7946 %04d",
                 "identifiedVia": "CALLER_ID",
                 "attributes": [{"kind": "DEMOGRAPHIC", "name": "%s-religion", "value": "%s faith", "explicitConsent": true},
                                {"kind": "PSYCHOGRAPHIC", "name": "%s-hobby", "value": "%s watching"}]}"""
                .formatted(customer, canary, canary.toLowerCase(), n, canary, canary, canary, canary)));
        String touchpoint = ok(api.post(c + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s question", "valence": "NEGATIVE",
                 "note": "%s said so"}""".formatted(canary, canary))).get("touchpointId").asText();
        String complaint = ok(api.post(c + "/complaints", """
                {"category": "OTHER", "otherCategory": "%s parking", "description": "%s complained",
                 "severity": "HIGH", "touchpointId": "%s"}""".formatted(canary, canary, touchpoint)))
                .get("complaintId").asText();
        ok(api.post(c + "/complaints/" + complaint + "/acknowledgement", "{}"));
        ok(api.post(c + "/complaints/" + complaint + "/proposals", "{\"proposal\": \"%s refund\"}".formatted(canary)));
        ok(api.post(c + "/complaints/" + complaint + "/resolution", "{\"resolution\": \"%s refunded\"}".formatted(canary)));
        String followUp = ok(api.post(c + "/follow-ups", """
                {"dueAt": "%s", "channel": "PHONE", "purpose": "%s call"}"""
                .formatted(Instant.now().plus(Duration.ofDays(1)), canary))).get("followUpId").asText();
        ok(api.post(c + "/follow-ups/" + followUp + "/completion", """
                {"outcome": "%s happy", "valence": "POSITIVE"}""".formatted(canary)));
        ok(api.post(c + "/surveys", """
                {"kind": "CSAT", "score": 2, "comment": "%s disliked it", "answers": {"why": "%s reasons"}}"""
                .formatted(canary, canary)));
        ok(api.post(c + "/purchases", "{\"orderId\": \"%s-1\", \"amount\": {\"amount\": \"20.00\", \"currency\": \"GBP\"}}"
                .formatted(canary)));
        ok(api.post(c + "/loss", "{\"reason\": \"COMPETITOR\", \"detail\": \"%s left\"}".formatted(canary)));
        ok(api.post(c + "/surveys", """
                {"kind": "LOST_ACCOUNT", "score": 1, "statedReason": "DISSATISFIED", "comment": "%s was rude",
                 "answers": {"what": "%s again"}}""".formatted(canary, canary)));
        ok(api.post(c + "/win-back-attempts", "{\"offer\": \"%s discount\", \"channel\": \"MAIL\"}".formatted(canary)));
        return customer;
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.json();
    }
}
