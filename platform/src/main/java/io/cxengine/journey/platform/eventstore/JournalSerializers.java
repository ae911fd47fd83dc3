package io.cxengine.journey.platform.eventstore;

import io.cxengine.journey.platform.personaldata.PersonalDataKeys;
import io.cxengine.journey.platform.personaldata.PersonalDataProtection;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
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
        return journalMapper(PersonalDataKeys.inMemory());
    }

    /** The journal's mapper, sealing personal data with the customers' keys. */
    public static ObjectMapper journalMapper(PersonalDataKeys keys) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new PersonalDataProtection(keys))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .build();
    }

    /**
     * The serializer of aggregate snapshots: an aggregate keeps its state in private fields without accessors, so the
     * snapshot mapper reads and writes fields, never getters.
     */
    public static JacksonSerializer snapshots(PersonalDataKeys keys) {
        ObjectMapper mapper = journalMapper(keys);
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }

    /** The journal's serializer with keys in memory: for tests that serialize without a database. */
    public static JacksonSerializer jackson() {
        return jackson(PersonalDataKeys.inMemory());
    }

    public static JacksonSerializer jackson(PersonalDataKeys keys) {
        return JacksonSerializer.builder()
                .objectMapper(journalMapper(keys))
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }
}
