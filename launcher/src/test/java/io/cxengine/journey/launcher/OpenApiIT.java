package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every command of the contract, with its headers, problems and an example. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIT extends EngineIntegration {

    /** Every write of shared/API.md, with the status it answers on success. */
    static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("/customers", "201"),
            Map.entry("/customers/{customerId}/attributes", "200"),
            Map.entry("/customers/{customerId}/consents", "200"),
            Map.entry("/customers/{customerId}/touchpoints", "201"),
            Map.entry("/customers/{customerId}/complaints", "201"),
            Map.entry("/customers/{customerId}/complaints/{complaintId}/acknowledgement", "200"),
            Map.entry("/customers/{customerId}/apologies", "200"),
            Map.entry("/customers/{customerId}/complaints/{complaintId}/proposals", "200"),
            Map.entry("/customers/{customerId}/complaints/{complaintId}/agreement", "200"),
            Map.entry("/customers/{customerId}/complaints/{complaintId}/resolution", "200"),
            Map.entry("/customers/{customerId}/complaints/{complaintId}/reopening", "200"),
            Map.entry("/customers/{customerId}/follow-ups", "201"),
            Map.entry("/customers/{customerId}/follow-ups/{followUpId}/completion", "200"),
            Map.entry("/customers/{customerId}/surveys", "200"),
            Map.entry("/customers/{customerId}/purchases", "200"),
            Map.entry("/customers/{customerId}/loss", "200"),
            Map.entry("/customers/{customerId}/win-back-attempts", "200"),
            Map.entry("/customers/{customerId}/reactivation", "200"));


    @Test
    @DisplayName("every command is documented: summary, example body, contract headers, success and problem answers")
    void everyCommandDocumented() {
        Api api = new Api(port);
        Api.Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode openApi = docs.json();

        COMMANDS.forEach((path, success) -> {
            JsonNode post = openApi.path("paths").path(path).path("post");
            assertThat(post.isMissingNode()).as(path).isFalse();
            assertThat(post.path("summary").asText()).as(path).isNotBlank();
            assertThat(post.path("description").asText()).as(path).isNotBlank();
            assertThat(post.path("parameters").findValuesAsText("name")).as(path)
                    .contains("Idempotency-Key", "If-Match", "X-Correlation-Id");
            assertThat(names(post.path("responses"))).as(path)
                    .contains(success, "400", "404", "409", "412", "413", "415", "422");
            assertThat(post.path("responses").path(success).path("headers").has("ETag")).as(path).isTrue();
            assertThat(post.path("responses").path("409").path("content").has("application/problem+json")).isTrue();
            assertThat(post.path("responses").path("404").path("description").asText()).as(path)
                    .contains("complaint, follow-up or touchpoint");
            assertThat(post.path("responses").path("400").path("description").asText()).as(path).contains("scale");
            String body = post.path("requestBody").path("content").path("application/json").path("schema")
                    .path("$ref").asText();
            assertThat(body).as(path).startsWith("#/components/schemas/");
            JsonNode schema = openApi.path("components").path("schemas").path(body.substring(body.lastIndexOf('/') + 1));
            assertThat(schema.path("properties").findValues("example")).as("examples of " + path).isNotEmpty();
        });
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("every summary and description reads as written: no runs of spaces left by joined lines")
    void textsWithoutRunsOfSpaces() {
        JsonNode openApi = new Api(port).get("/v3/api-docs").json();
        List<String> texts = new ArrayList<>();
        texts(openApi, texts);
        assertThat(texts).as("descriptions and summaries").hasSizeGreaterThan(50);
        assertThat(texts).filteredOn(text -> text.contains("  ") || text.startsWith(" ") || text.endsWith(" "))
                .as("texts with a run of spaces").isEmpty();
    }

    /** Every summary and description in the document, however deep. */
    private static void texts(JsonNode node, List<String> texts) {
        node.fields().forEachRemaining(field -> {
            if ((field.getKey().equals("description") || field.getKey().equals("summary"))
                    && field.getValue().isTextual()) {
                texts.add(field.getValue().asText());
            } else {
                texts(field.getValue(), texts);
            }
        });
        if (node.isArray()) {
            node.forEach(element -> texts(element, texts));
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
