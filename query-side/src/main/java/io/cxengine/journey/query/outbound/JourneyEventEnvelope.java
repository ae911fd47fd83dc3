package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journey event as it leaves the engine: a CloudEvents 1.0 envelope in its JSON format
 * ({@code docs/events-out.md}, schema {@code docs/schemas/journey-event.schema.json}). Besides the CloudEvents
 * attributes it carries {@code position}, the event's global position in the store (the order of the store, the same
 * for every subscriber, so that a consumer deduplicates by keeping the highest position it has seen per customer),
 * {@code version}, the customer's version after the event (as the API's {@code ETag}), and {@code personaldata},
 * which of {@link PersonalDataOut} the message was made for.
 * <p>
 * Pseudonymised, the customer is named by the pseudonym analysts see, in {@code subject} and in {@code data}, and every
 * field the kernel marks {@link PersonalData} is left out of {@code data}; nothing else is.
 */
public final class JourneyEventEnvelope {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "urn:cxengine:journey";
    public static final String TYPE_PREFIX = "io.cxengine.journey.";
    public static final String DATA_SCHEMA = "https://cxengine.io/schemas/journey-event/1";

    private static final Map<Class<?>, List<String>> PERSONAL_FIELDS = new ConcurrentHashMap<>();

    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;

    public JourneyEventEnvelope(ObjectMapper json, Pseudonyms pseudonyms) {
        this.json = json;
        this.pseudonyms = pseudonyms;
    }

    /** The event of a customer as it was stored: its id, when it was recorded, its global position and version. */
    public record Stored(CustomerEvent event, CustomerId customer, UUID eventId, Instant recordedAt, long position,
                         long version) {
    }

    /** The key of the customer's messages: every message of a customer has the same one, so they stay in order. */
    public String subject(CustomerId customer, PersonalDataOut personalData) {
        return personalData == PersonalDataOut.INCLUDED ? customer.toString() : pseudonyms.of(customer).value();
    }

    public ObjectNode of(Stored stored, PersonalDataOut personalData) {
        String subject = subject(stored.customer(), personalData);
        ObjectNode data = json.valueToTree(stored.event());
        if (personalData == PersonalDataOut.PSEUDONYMISED) {
            personalFields(stored.event().getClass()).forEach(data::remove);
            if (data.has("customerId")) {
                data.put("customerId", subject);
            }
        }
        ObjectNode envelope = json.createObjectNode();
        envelope.put("specversion", SPEC_VERSION);
        envelope.put("id", stored.eventId().toString());
        envelope.put("source", SOURCE);
        envelope.put("type", TYPE_PREFIX + stored.event().getClass().getSimpleName());
        envelope.put("subject", subject);
        envelope.put("time", stored.recordedAt().toString());
        envelope.put("datacontenttype", "application/json");
        envelope.put("dataschema", DATA_SCHEMA);
        envelope.put("position", stored.position());
        envelope.put("version", stored.version());
        envelope.put("personaldata", personalData.name().toLowerCase());
        envelope.set("data", data);
        return envelope;
    }

    static List<String> personalFields(Class<?> type) {
        return PERSONAL_FIELDS.computeIfAbsent(type, record -> Arrays.stream(record.getRecordComponents())
                .filter(component -> component.isAnnotationPresent(PersonalData.class)
                        || component.getAccessor().isAnnotationPresent(PersonalData.class))
                .map(RecordComponent::getName)
                .toList());
    }
}
