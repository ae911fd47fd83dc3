package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <b>Included</b>: the event as recorded (erased fields as erased), except a special-category attribute's value,
 * withheld as it is from every view. <b>Pseudonymised</b>: what an analyst may see, field by field by type, so that a
 * field added to an event later leaves nothing by default: the customer as the pseudonym analysts see; ids (of
 * complaints, touchpoints, follow-ups, orders, a breach's subject, the event itself) as opaque ids, stable per value, so
 * that a complaint's steps still link up; enums, numbers, flags, instants and amounts as they are; every other field
 * (text someone wrote or chose: an attribute's name, an agent, a contact centre), and every field the kernel marks
 * {@link PersonalData}, left out.
 */
public final class JourneyEventEnvelope {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "urn:cxengine:journey";
    public static final String TYPE_PREFIX = "io.cxengine.journey.";
    public static final String DATA_SCHEMA = "https://cxengine.io/schemas/journey-event/1";
    static final String OPAQUE_PURPOSE = "events-out-ids";
    private static final Set<Class<?>> IDS = Set.of(ComplaintId.class, TouchpointId.class, FollowUpId.class);
    /** Text fields that hold ids: made opaque when pseudonymised. */
    private static final Set<String> ID_TEXT = Set.of("orderId", "subject");

    private static final Set<Class<?>> AS_THEY_ARE = Set.of(Boolean.class, boolean.class, Integer.class, int.class,
            Long.class, long.class, Instant.class, Money.class);

    private static final Map<Class<?>, List<RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

    private final ObjectMapper json;
    private final Pseudonyms pseudonyms;
    /** A MAC per thread, keyed once: an opaque id is made for several fields of every event that goes out. */
    private final ThreadLocal<Mac> opaque;

    public JourneyEventEnvelope(ObjectMapper json, Pseudonyms pseudonyms, KeyEncryptionKey kek) {
        this.json = json;
        this.pseudonyms = pseudonyms;
        SecretKeySpec key = new SecretKeySpec(kek.derive(OPAQUE_PURPOSE), "HmacSHA256");
        this.opaque = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("No HMAC-SHA256 in this JDK", e);
            }
        });
    }

    /** The event of a customer as it was stored: its id, when it was recorded, its global position and version. */
    public record Stored(CustomerEvent event, CustomerId customer, UUID eventId, Instant recordedAt, long position,
                         long version) {
    }

    /** The key of the customer's messages: every message of a customer has the same one, so they stay in order. */
    public String subject(CustomerId customer, PersonalDataOut personalData) {
        return personalData == PersonalDataOut.INCLUDED ? customer.toString() : pseudonyms.of(customer).value();
    }

    /** The message's id: the event's, or an opaque one made from it; the same in every delivery of the event. */
    public String id(UUID eventId, PersonalDataOut personalData) {
        return personalData == PersonalDataOut.INCLUDED ? eventId.toString() : opaque(eventId.toString());
    }

    public ObjectNode of(Stored stored, PersonalDataOut personalData) {
        String subject = subject(stored.customer(), personalData);
        ObjectNode data = json.valueToTree(stored.event());
        boolean specialCategory = stored.event() instanceof CustomerEvent.AttributeRecorded attribute
                && attribute.specialCategory();
        if (personalData == PersonalDataOut.PSEUDONYMISED) {
            pseudonymise(stored.event().getClass(), data, subject);
        } else if (specialCategory) {
            data.put("value", PersonalData.WITHHELD);
        }
        ObjectNode envelope = json.createObjectNode();
        envelope.put("specversion", SPEC_VERSION);
        envelope.put("id", id(stored.eventId(), personalData));
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

    private void pseudonymise(Class<?> type, ObjectNode data, String pseudonym) {
        for (RecordComponent component : components(type)) {
            String name = component.getName();
            Class<?> field = component.getType();
            JsonNode value = data.get(name);
            if (component.isAnnotationPresent(PersonalData.class)
                    || component.getAccessor().isAnnotationPresent(PersonalData.class)) {
                data.remove(name);
            } else if (field == CustomerId.class) {
                data.put(name, pseudonym);
            } else if (IDS.contains(field) || field == String.class && ID_TEXT.contains(name)) {
                if (value != null && !value.isNull()) {
                    data.put(name, opaque(value.asText()));
                }
            } else if (field == String.class) {
                data.remove(name); // text someone wrote or chose: an analyst sees none of it
            } else if (!(field.isEnum() || AS_THEY_ARE.contains(field) || enums(component))) {
                data.remove(name);
            }
        }
    }

    /** A set of named values (the signs of risk): words of the domain, never personal. */
    private static boolean enums(RecordComponent component) {
        return Collection.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType type
                && type.getActualTypeArguments()[0] instanceof Class<?> element && element.isEnum();
    }

    /** An id as pseudonymised messages carry it: a keyed hash, stable per value, that reveals nothing of it. */
    String opaque(String value) {
        byte[] hash = opaque.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "x_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
    }

    private static List<RecordComponent> components(Class<?> type) {
        return COMPONENTS.computeIfAbsent(type, record -> List.of(record.getRecordComponents()));
    }

    /** The fields of an event the kernel marks personal. */
    static List<String> personalFields(Class<?> type) {
        return components(type).stream()
                .filter(component -> component.isAnnotationPresent(PersonalData.class)
                        || component.getAccessor().isAnnotationPresent(PersonalData.class))
                .map(RecordComponent::getName)
                .toList();
    }
}
