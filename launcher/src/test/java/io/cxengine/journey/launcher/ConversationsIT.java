package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through the API: contacts that name a conversation are judged by the interaction cycle, and an agent's notes by the
 * phrases to avoid, of which only the counts leave the sealed note.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConversationsIT extends EngineIntegration {

    @Test
    @DisplayName("five conversations of one agent: greeted and closed, one with a complaint; the agent's notes counted, not kept")
    void judgedConversations() {
        String agent = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String first = null;
        for (int i = 0; i < 5; i++) {
            String customer = UUID.randomUUID().toString();
            first = first == null ? customer : first;
            expect(201, api.post("/customers", """
                    {"customerId": "%s", "name": "Grace Hopper", "identifiedVia": "CALLER_ID"}""".formatted(customer)));
            String greeted = contact(customer, agent, "GREETING", "NEUTRAL", "Hello. I don't know yet, calm down.",
                    at.plusSeconds(i));
            contact(customer, agent, i < 4 ? "CLOSING" : "DELIVERING", i < 4 ? "POSITIVE" : "NEGATIVE",
                    "Sorted: I'll find out and I will call you back.", at.plusSeconds(60 + i));
            if (i == 4) {
                expect(201, api.post("/customers/" + customer + "/complaints", """
                        {"category": "INCORRECT_INFORMATION", "description": "wrong answer", "severity": "LOW",
                         "touchpointId": "%s"}""".formatted(greeted)));
            }
        }

        JsonNode touchpoint = expect(200, api.get("/customers/" + first + "/history")).json().get("events").get(1);
        assertThat(touchpoint.at("/payload/conversationId").asText()).isEqualTo("conversation-" + agent);
        assertThat(touchpoint.at("/payload/phrasesToAvoid/I_DONT_KNOW").asInt()).isEqualTo(1);
        assertThat(touchpoint.at("/payload/phrasesToAvoid/CALM_DOWN").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = :c AND convert_from(payload, 'UTF8') LIKE '%calm down%'""")
                .param("c", first).query(Long.class).single()).as("the note stays sealed in the store").isZero();

        awaitCaughtUp("analytics");
        JsonNode conversations = group("/analytics/conversations?by=agent", agent);
        assertThat(conversations.get("conversations").asLong()).isEqualTo(5);
        assertThat(conversations.get("closed").asLong()).isEqualTo(4);
        assertThat(conversations.get("closedShare").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(conversations.get("endedNegative").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(conversations.at("/skipped/UNDERSTANDING").asLong()).isEqualTo(5);
        assertThat(conversations.at("/skipped/DELIVERING").asLong()).isEqualTo(4);

        JsonNode notes = null;
        for (JsonNode candidate : expect(200, api.get("/analytics/phrases-to-avoid")).json().get("agents")) {
            notes = candidate.get("agent").asText().equals(agent) ? candidate : notes;
        }
        assertThat(notes).isNotNull();
        assertThat(notes.get("notesChecked").asLong()).isEqualTo(10);
        assertThat(notes.get("notesUsingAny").asLong()).isEqualTo(5);
        assertThat(notes.at("/uses/CALM_DOWN").asLong()).isEqualTo(5);
        assertThat(notes.at("/uses/I_DONT_KNOW").asLong()).isEqualTo(5);
        assertThat(notes.get("uses").has("CALL_ME_BACK")).as("\"I will call you back\" is what to say").isFalse();

        expect(400, api.post("/customers/" + first + "/touchpoints", """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "x", "valence": "NEUTRAL",
                 "conversationId": "two words"}"""));
    }

    private String contact(String customer, String agent, String stage, String valence, String note, Instant at) {
        return expect(201, api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "CHAT", "direction": "INBOUND", "purpose": "a question", "stage": "%s", "valence": "%s",
                 "agentId": "%s", "note": "%s", "conversationId": "conversation-%s", "occurredAt": "%s"}"""
                .formatted(stage, valence, agent, note, agent, at))).json().get("touchpointId").asText();
    }

    private JsonNode group(String path, String name) {
        for (JsonNode group : expect(200, api.get(path)).json().get("groups")) {
            if (group.get("group").asText().equals(name)) {
                return group;
            }
        }
        return null;
    }
}
