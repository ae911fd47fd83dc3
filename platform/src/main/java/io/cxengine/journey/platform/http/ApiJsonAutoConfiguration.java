package io.cxengine.journey.platform.http;

import io.cxengine.journey.platform.eventstore.JournalSerializers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The REST API reads JSON strictly: an unknown field is a typo the client should hear about, a number is not text,
 * text is not a number, and no body may nest deeper or run longer than a journey fact needs. (The journal's own mapper
 * is separate: {@link JournalSerializers}.)
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@Import(FallbackProblemAdvice.class)
public class ApiJsonAutoConfiguration {

    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(32)
            .maxNumberLength(64)
            .maxStringLength(100_000)
            .maxNameLength(1_000)
            .build();

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictApiJson() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // A name twice in one object is refused by the parser (400), whichever type it binds to: a record
                // bound through its constructor would otherwise fail on the second value with a 500.
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(String.class, new StorableText.Deserializer())
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(LIMITS);
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Integer)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                });
    }

    /**
     * An {@code Accept} header that does not parse counts as none (any type), as RFC 9110 lets a server do: otherwise
     * Spring refuses it with a bare 406, and any refusal of such a request loses its problem body on the way out.
     * Query parameters must be text the engine can store ({@link StorableText}).
     */
    @Bean
    WebMvcConfigurer lenientAcceptHeader() {
        HeaderContentNegotiationStrategy header = new HeaderContentNegotiationStrategy();
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new StorableText.Parameters());
            }

            @Override
            public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
                configurer.strategies(List.of(request -> {
                    try {
                        return header.resolveMediaTypes(request);
                    } catch (HttpMediaTypeNotAcceptableException unparseable) {
                        return ContentNegotiationStrategy.MEDIA_TYPE_ALL_LIST;
                    }
                }));
            }
        };
    }
}
