package io.cxengine.journey.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The one way the engine turns events, messages, tokens and dead letters into bytes: JSON through Jackson.
 * <p>
 * The mapper is the journal's own, not the HTTP one, so that tuning the REST API can never change what is stored.
 * Unknown properties are tolerated (an older reader meets a newer event during a rolling upgrade), unknown types are
 * not: Axon fails loudly on a payload type it cannot resolve.
 */
public final class JournalSerializers {

    private JournalSerializers() {
    }

    /** The mapper for stored JSON: ISO-8601 instants, records through their canonical constructors. */
    public static ObjectMapper journalMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    public static JacksonSerializer jackson() {
        return JacksonSerializer.builder()
                .objectMapper(journalMapper())
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }
}
