package io.cxengine.journey.command.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the OpenAPI document says of every write, beyond what each controller declares: the headers of the contract
 * (Idempotency-Key, If-Match, X-Correlation-Id), the ETag and position it answers with, and the RFC 9457 problems.
 */
@Configuration
class CommandApiDocumentation {

    static final String PROBLEM = "application/problem+json";

    static final Map<String, String> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("400", "Malformed JSON, a missing or invalid field (also a score outside its survey's scale), an "
                + "unknown enum value, an invalid header; `errors` names the fields");
        PROBLEMS.put("404", "Unknown customer, or a complaint, follow-up or touchpoint (in the path or the body) that "
                + "this customer does not have");
        PROBLEMS.put("409", "The fact contradicts the journey, a concurrent write won, or the same Idempotency-Key is in flight");
        PROBLEMS.put("412", "If-Match names another version than the customer's");
        PROBLEMS.put("413", "The body is larger than the API accepts");
        PROBLEMS.put("415", "The body is not JSON");
        PROBLEMS.put("422", "The Idempotency-Key was used for another request");
    }

    @Bean
    OpenApiCustomizer journeyWriteContract() {
        return openApi -> {
            openApi.info(new Info().title("Journey engine API").version("1")
                    .description("""
                            The REST contract of the customer journey engine: commands that record what happens \
                            between a company and its customers, and the views built from them. Every write understands \
                            Idempotency-Key, If-Match and X-Correlation-Id, answers with the customer's new version in \
                            ETag, and refuses bad input with an RFC 9457 problem, recording nothing.""")
                    .license(new License().name("Apache-2.0")));
            Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
            components.addSchemas("Problem", problemSchema());
            openApi.components(components);
            openApi.getPaths().forEach((path, item) -> documentWrites(item));
        };
    }

    private static void documentWrites(PathItem item) {
        for (Operation write : new Operation[]{item.getPost(), item.getDelete()}) {
            if (write == null || write.getTags() == null) {
                continue;
            }
            write.addParametersItem(header("Idempotency-Key", """
                    Client-chosen key (1-255 printable characters). The same key with the same body replays the first \
                    answer and records nothing twice; with another body it is a 422; while the first is in flight, a 409.""",
                    "contact-centre-7f3a9"));
            write.addParametersItem(header("If-Match", """
                    The customer's version as an ETag gave it (e.g. "3"); on mismatch 412 and nothing is recorded.""",
                    "\"3\""));
            write.addParametersItem(header("X-Correlation-Id", """
                    Stored with every event the request records; generated when absent, echoed in the response.""",
                    "ticket-4711"));
            write.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject("ETag", new Header().description("""
                            The customer's version after this write: the sequence number of the write's own last event \
                            (the body's position is that event's global position). A repeated fact that records nothing \
                            answers the customer's current version; a replay of an Idempotency-Key answers the first \
                            write's.""")
                            .schema(new StringSchema().example("\"4\"")));
                    response.addHeaderObject("X-Correlation-Id", new Header().schema(new StringSchema()));
                }
            });
            PROBLEMS.forEach((status, description) -> write.getResponses().addApiResponse(status, new ApiResponse()
                    .description(description)
                    .content(new Content().addMediaType(PROBLEM,
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
        }
    }

    private static HeaderParameter header(String name, String description, String example) {
        HeaderParameter header = new HeaderParameter();
        header.name(name).description(description).required(false).schema(new StringSchema()).example(example);
        return header;
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema errors = new ObjectSchema();
        errors.addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema().description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().example("https://cxengine.io/problems/journey-rule"))
                .addProperty("title", new StringSchema().example("The journey does not allow this"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema().example("Complaint 1a2b… is already resolved"))
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(errors));
    }
}
