package io.cxengine.journey.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;

/**
 * What the OpenAPI document says of access: each operation names the scopes it is {@link Allowed} for
 * ({@code security}, and {@code x-scopes}), and its 401, 403 and 429 problems.
 */
final class SecurityApiDocumentation implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    static final String SCHEME = "bearer";
    private static final String PROBLEM = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        List<String> scopes = ScopeCheck.allowed(handler).map(allowed -> Arrays.stream(allowed.value())
                .map(Scope::value).toList()).orElse(List.of());
        operation.addSecurityItem(new SecurityRequirement().addList(SCHEME, scopes));
        operation.addExtension("x-scopes", scopes);
        operation.getResponses().addApiResponse("401", problem("No bearer token, or one that is expired, not for "
                + "this engine (audience), of another issuer, or not validly signed", "Bearer realm=\"journey-engine\""));
        operation.getResponses().addApiResponse("403", problem("The token holds none of the scopes "
                + String.join(", ", scopes), "Bearer error=\"insufficient_scope\""));
        operation.getResponses().addApiResponse("429", new ApiResponse()
                .description("The caller's rate limit is spent; retry after the given seconds")
                .addHeaderObject("Retry-After", new Header().schema(new IntegerSchema()))
                .content(problemContent()));
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
        components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("""
                        A JWT of the identity provider (or of the engine's own key pair in a local start) with \
                        audience journey-engine and the scopes the operation names: journey.write, journey.agent, \
                        journey.analyze, journey.audit, journey.admin, journey.erase."""));
        if (components.getSchemas() == null || !components.getSchemas().containsKey("Problem")) {
            components.addSchemas("Problem", new ObjectSchema().description("An RFC 9457 problem")
                    .addProperty("type", new StringSchema()).addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema()).addProperty("detail", new StringSchema()));
        }
        openApi.components(components);
    }

    private static ApiResponse problem(String description, String challenge) {
        return new ApiResponse().description(description)
                .addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema().example(challenge)))
                .content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
    }
}
