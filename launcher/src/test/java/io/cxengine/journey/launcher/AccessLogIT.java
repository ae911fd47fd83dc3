package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who read which customer's data: every auditor read and every agent read of identified data leaves one entry in the
 * access log, written before the answer leaves; if it cannot be written, the read fails and sends nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccessLogIT extends EngineIntegration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NDJSON = "application/x-ndjson";

    @Autowired
    EmbeddedPostgresServer postgres;
    String customer;
    long position;
    String run;

    @BeforeEach
    void customer() {
        run = UUID.randomUUID().toString().substring(0, 8);
        customer = UUID.randomUUID().toString();
        Api.Response registered = new Api(port).post("/customers", """
                {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID",
                 "email": "grace-%s@example.org"}""".formatted(customer, run));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        position = registered.json().get("position").asLong();
        new Api(port).post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "billing question", "valence": "NEUTRAL"}""");
    }

    @AfterEach
    void removeTheFault() {
        JdbcClient owner = SchemaOwner.sql(postgres);
        owner.sql("DROP TRIGGER IF EXISTS access_log_fault ON access_log").update();
        owner.sql("DROP FUNCTION IF EXISTS access_log_fault()").update();
    }

    @Test
    @DisplayName("an auditor's history page and export each leave exactly one entry, with who, what, outcome and count")
    void auditorReads() throws IOException {
        Api auditor = Api.as(port, "auditor-" + run, "audit-desk", "journey.audit");

        Api.Response page = auditor.get("/customers/" + customer + "/history?limit=2",
                "X-Correlation-Id", "case-" + run, "X-Purpose", "complaint 4711: billing");
        assertThat(page.status()).isEqualTo(200);
        List<Map<String, Object>> afterPage = entriesBy("auditor-" + run);
        assertThat(afterPage).hasSize(1);
        Map<String, Object> entry = afterPage.get(0);
        assertThat(entry).containsEntry("client", "audit-desk")
                .containsEntry("scopes", "journey.audit")
                .containsEntry("token_id", tokenId(auditor))
                .containsEntry("operation", "HistoryController.page")
                .containsEntry("http_method", "GET")
                .containsEntry("path", "/customers/" + customer + "/history")
                .containsEntry("customer_id", UUID.fromString(customer))
                .containsEntry("outcome", "200")
                .containsEntry("entries", 2L)
                .containsEntry("correlation_id", "case-" + run)
                .containsEntry("purpose", "complaint 4711: billing");
        assertThat(entry.get("at")).isNotNull();

        Api.Response export = auditor.get("/customers/" + customer + "/history", "Accept", NDJSON,
                "X-Correlation-Id", "export-" + run);
        assertThat(export.status()).isEqualTo(200);
        long lines = export.body().lines().filter(line -> !line.isBlank()).count();
        List<Map<String, Object>> afterExport = entriesBy("auditor-" + run);
        assertThat(afterExport).hasSize(2);
        assertThat(afterExport.get(1)).containsEntry("operation", "HistoryController.export")
                .containsEntry("outcome", "200")
                .containsEntry("entries", lines)
                .containsEntry("correlation_id", "export-" + run)
                .containsEntry("customer_id", UUID.fromString(customer));
        assertThat(afterExport.get(1).get("purpose")).isNull();
    }

    @Test
    @DisplayName("diff, state and verify are logged, and so are refusals: an unknown customer (404), a token without the scope (403)")
    void otherAuditorReadsAndRefusals() {
        Api auditor = Api.as(port, "auditor-" + run, "audit-desk", "journey.audit");
        Api.Response diff = auditor.get("/customers/" + customer + "/history?diff=true");
        assertThat(diff.status()).isEqualTo(200);
        int events = diff.json().get("events").size();
        assertThat(auditor.get("/customers/" + customer + "/state").status()).isEqualTo(200);
        assertThat(auditor.get("/customers/" + customer + "/history/verify").status()).isEqualTo(200);
        String unknown = UUID.randomUUID().toString();
        assertThat(auditor.get("/customers/" + unknown + "/history").status()).isEqualTo(404);
        Api agent = Api.as(port, "agent-" + run, "agent-desk", "journey.agent");
        assertThat(agent.get("/customers/" + customer + "/history").status()).isEqualTo(403);

        assertThat(entriesBy("auditor-" + run)).extracting(e -> e.get("operation") + " " + e.get("outcome")
                        + " " + e.get("entries"))
                .containsExactly("HistoryController.page 200 " + events, "HistoryController.state 200 null",
                        "HistoryController.verify 200 null", "HistoryController.page 404 null");
        // The scope check's 403 has no body for the log to hold back: its entry is written once the request has
        // completed, which may be just after the client has its answer.
        await().atMost(Duration.ofSeconds(10)).until(() -> !entriesBy("agent-" + run).isEmpty());
        assertThat(entriesBy("agent-" + run)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "403")
                        .containsEntry("operation", "HistoryController.page")
                        .containsEntry("customer_id", UUID.fromString(customer)));
    }

    @Test
    @DisplayName("an agent's profile read, caller lookup, timeline, briefing and live stream are logged")
    void agentReads() {
        Api agent = Api.as(port, "agent-" + run, "agent-desk", "journey.agent");
        assertThat(agent.get("/customers/" + customer + "/profile?minPosition=" + position,
                "X-Purpose", "inbound call").status()).isEqualTo(200);
        assertThat(agent.get("/customers?email=grace-" + run + "@example.org").json()).hasSize(1);

        List<Map<String, Object>> entries = entriesBy("agent-" + run);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsEntry("operation", "CustomerProfileController.profile")
                .containsEntry("customer_id", UUID.fromString(customer))
                .containsEntry("client", "agent-desk")
                .containsEntry("outcome", "200")
                .containsEntry("purpose", "inbound call");
        assertThat(entries.get(1)).containsEntry("operation", "CustomerProfileController.identify")
                .containsEntry("path", "/customers")
                .containsEntry("entries", 1L);
        assertThat(entries.get(1).get("customer_id")).isNull();
    }

    @Test
    @DisplayName("an invalid X-Purpose is refused with 400, and the refusal is logged")
    void invalidPurpose() {
        Api auditor = Api.as(port, "auditor-" + run, "audit-desk", "journey.audit");
        Api.Response tooLong = auditor.get("/customers/" + customer + "/history", "X-Purpose", "x".repeat(201));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooLong.body()).doesNotContain("Grace");
        assertThat(entriesBy("auditor-" + run)).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("outcome", "400").containsEntry("purpose", null));
    }

    @Test
    @DisplayName("a read whose entry cannot be written fails with 503 and sends none of the data")
    void unloggedReadsFail() {
        // A fault of the log's storage, played by a trigger (the owner's) that refuses entries of a marked purpose.
        JdbcClient owner = SchemaOwner.sql(postgres);
        owner.sql("""
                CREATE FUNCTION access_log_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.purpose = 'fault-%s' THEN
                        RAISE EXCEPTION 'the access log cannot be written';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(run)).update();
        owner.sql("""
                CREATE TRIGGER access_log_fault BEFORE INSERT ON access_log
                FOR EACH ROW EXECUTE FUNCTION access_log_fault()""").update();
        Api reader = Api.as(port, "reader-" + run, "desk", "journey.audit", "journey.agent");
        String[] fault = {"X-Purpose", "fault-" + run};

        for (String path : List.of("/history", "/state", "/profile?minPosition=" + position, "/timeline", "/briefing")) {
            Api.Response refused = reader.get("/customers/" + customer + path, fault);
            assertUnavailable(path, refused);
        }
        Api.Response export = reader.get("/customers/" + customer + "/history", "Accept", NDJSON,
                fault[0], fault[1]);
        assertUnavailable("export", export);
        Api.Response live = reader.get("/customers/" + customer + "/profile", "Accept", "text/event-stream",
                fault[0], fault[1]);
        assertUnavailable("live profile", live);

        assertThat(entriesBy("reader-" + run)).isEmpty();
        assertThat(reader.get("/customers/" + customer + "/history").status()).as("without the fault").isEqualTo(200);
    }

    @Test
    @DisplayName("auditors page the log newest first by cursor, filtered by customer, reader, client and time; reading it is logged")
    void readingTheLog() {
        Api reader = Api.as(port, "reader-" + run, "desk-" + run, "journey.audit");
        Api other = Api.as(port, "other-" + run, "desk-" + run, "journey.audit");
        for (int i = 0; i < 5; i++) {
            assertThat(reader.get("/customers/" + customer + "/history?limit=1&from=" + i % 3,
                    "X-Correlation-Id", "read-" + i).status()).isEqualTo(200);
        }
        String elsewhere = UUID.randomUUID().toString();
        other.get("/customers/" + elsewhere + "/history");
        assertThat(other.get("/customers/" + customer + "/state").status()).isEqualTo(200);
        Api auditor = Api.as(port, "auditor-" + run, "audit-desk", "journey.audit");

        JsonNode first = auditor.get("/access-log?subject=reader-" + run + "&limit=2").json();
        assertThat(first.get("entries").findValuesAsText("correlationId")).containsExactly("read-4", "read-3");
        JsonNode second = auditor.get("/access-log?subject=reader-" + run + "&limit=2&cursor="
                + first.get("next").asText()).json();
        assertThat(second.get("entries").findValuesAsText("correlationId")).containsExactly("read-2", "read-1");
        JsonNode last = auditor.get("/access-log?subject=reader-" + run + "&limit=2&cursor="
                + second.get("next").asText()).json();
        assertThat(last.get("entries").findValuesAsText("correlationId")).containsExactly("read-0");
        assertThat(last.get("next").isNull() || last.get("next").isMissingNode()).isTrue();
        JsonNode entry = first.get("entries").get(0);
        assertThat(entry.get("subject").asText()).isEqualTo("reader-" + run);
        assertThat(entry.get("client").asText()).isEqualTo("desk-" + run);
        assertThat(entry.get("scopes").get(0).asText()).isEqualTo("journey.audit");
        assertThat(entry.get("customerId").asText()).isEqualTo(customer);
        assertThat(entry.get("operation").asText()).isEqualTo("HistoryController.page");
        assertThat(entry.get("outcome").asText()).isEqualTo("200");
        assertThat(entry.get("entries").asLong()).isEqualTo(1);

        assertThat(auditor.get("/access-log?customerId=" + elsewhere).json().get("entries"))
                .singleElement().satisfies(e -> assertThat(e.get("outcome").asText()).isEqualTo("404"));
        assertThat(auditor.get("/access-log?client=desk-" + run + "&customerId=" + customer + "&limit=500")
                .json().get("entries").findValuesAsText("subject"))
                .containsExactly("other-" + run, "reader-" + run, "reader-" + run, "reader-" + run, "reader-" + run,
                        "reader-" + run);
        String newest = first.get("entries").get(0).get("at").asText();
        String oldest = last.get("entries").get(0).get("at").asText();
        assertThat(auditor.get("/access-log?subject=reader-" + run + "&from=" + oldest + "&to=" + newest).json()
                .get("entries").findValuesAsText("correlationId"))
                .as("from inclusive, to exclusive").containsExactly("read-3", "read-2", "read-1", "read-0");
        assertThat(auditor.get("/access-log?limit=501").status()).isEqualTo(400);
        assertThat(Api.withScopes(port, "journey.agent").get("/access-log").status()).isEqualTo(403);

        List<Map<String, Object>> ownReads = entriesBy("auditor-" + run);
        assertThat(ownReads).hasSize(7).allSatisfy(e -> assertThat(e).containsEntry("operation", "AccessLogController.read"));
        assertThat(ownReads.get(0)).containsEntry("entries", 2L).containsEntry("path", "/access-log");
        assertThat(ownReads.get(3).get("customer_id")).isEqualTo(UUID.fromString(elsewhere));
        assertThat(ownReads.get(6)).containsEntry("outcome", "400");
    }

    private static void assertUnavailable(String what, Api.Response refused) {
        assertThat(refused.status()).as(what + ": " + refused).isEqualTo(503);
        assertThat(refused.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).as(what).isNotBlank();
        assertThat(refused.header("X-Correlation-Id")).as(what).isNotBlank();
        assertThat(refused.header("ETag")).as(what).isNull();
        assertThat(refused.body()).as(what).contains("access-log-unavailable")
                .doesNotContain("Grace").doesNotContain("billing").doesNotContain("\"events\"");
    }

    /** The entries of one reader, oldest first. */
    private List<Map<String, Object>> entriesBy(String subject) {
        return jdbc.sql("SELECT * FROM access_log WHERE subject = :subject ORDER BY id").param("subject", subject)
                .query().listOfRows();
    }

    private static String tokenId(Api api) throws IOException {
        String payload = api.authorization().substring("Bearer ".length()).split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).get("jti")
                .asText();
    }
}
