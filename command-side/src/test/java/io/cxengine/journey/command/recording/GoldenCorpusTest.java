package io.cxengine.journey.command.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.platform.eventstore.KnownEventTypes;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The golden corpus ({@code src/test/resources/golden}): the stored JSON of every event at every revision it ever had.
 * Each file must still load, through the engine's upcasters, as the current event; a new revision adds a file and an
 * upcaster, and the old files stay.
 */
class GoldenCorpusTest {

    static final Serializer JOURNAL = JournalSerializationTest.JOURNAL;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("every event, at every revision in the corpus, loads through the upcasters as the current event")
    void everyRevisionLoads() throws IOException {
        for (Class<?> event : CustomerEvent.class.getPermittedSubclasses()) {
            int current = Integer.parseInt(event.getAnnotation(Revision.class).value());
            for (int revision = 1; revision <= current; revision++) {
                JsonNode golden = golden(event.getSimpleName() + "-r" + revision + ".json");
                assertThat(golden.get("type").asText()).isEqualTo(event.getName());
                Object loaded = load(golden);
                assertThat(loaded).as(event.getSimpleName() + " revision " + revision).isInstanceOf(event);
            }
        }
    }

    @Test
    @DisplayName("a revision-1 touchpoint reads as revision 2, handled in house")
    void touchpointUpcast() throws IOException {
        TouchpointRecorded old = (TouchpointRecorded) load(golden("TouchpointRecorded-r1.json"));
        TouchpointRecorded current = (TouchpointRecorded) load(golden("TouchpointRecorded-r2.json"));

        assertThat(old.contactCentre()).isEqualTo(TouchpointRecorded.IN_HOUSE);
        assertThat(current.contactCentre()).isEqualTo("Contact Centre Lisbon");
        assertThat(old.purpose()).isEqualTo(current.purpose());
        assertThat(old.replyDueBy()).isEqualTo(current.replyDueBy());
    }

    @Test
    @DisplayName("a revision-2 touchpoint reads as revision 3, naming the clocks the rule of its day started and stopped")
    void touchpointNamesItsClocks() throws IOException {
        TouchpointRecorded callBack = (TouchpointRecorded) load(golden("TouchpointRecorded-r2.json"));
        assertThat(callBack.startsClock()).isEqualTo(ServiceStandard.CALL_RETURN);
        assertThat(callBack.stopsClocks()).isNull();

        JsonNode golden = golden("TouchpointRecorded-r2.json");
        for (String[] contact : new String[][]{
                {"EMAIL", "INBOUND", "2026-03-02T12:00:00Z", "EMAIL_RESPONSE", null},
                {"EMAIL", "OUTBOUND", null, null, "EMAIL_RESPONSE"},
                {"PHONE", "OUTBOUND", null, null, "CALL_RETURN"},
                {"PHONE", "INBOUND", null, null, null},
                {"CHAT", "OUTBOUND", null, null, null}}) {
            com.fasterxml.jackson.databind.node.ObjectNode payload =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(golden.get("payload").asText());
            payload.put("channel", contact[0]).put("direction", contact[1]).put("replyDueBy", contact[2]);
            TouchpointRecorded upcast = (TouchpointRecorded) load(((com.fasterxml.jackson.databind.node.ObjectNode)
                    golden.deepCopy()).put("payload", payload.toString()));
            assertThat(upcast.startsClock()).as(String.join(" ", java.util.Arrays.copyOf(contact, 2)))
                    .isEqualTo(contact[3] == null ? null : ServiceStandard.valueOf(contact[3]));
            assertThat(upcast.stopsClocks()).as(String.join(" ", java.util.Arrays.copyOf(contact, 2)))
                    .isEqualTo(contact[4] == null ? null : ServiceStandard.valueOf(contact[4]));
        }
    }

    @Test
    @DisplayName("a call and an order recorded before the seeds' two standards existed are not judged by them")
    void judgedOnlyUnderStandardsInForce() throws IOException {
        TouchpointRecorded call = (TouchpointRecorded) load(golden("TouchpointRecorded-r3.json"));
        assertThat(call.waitSeconds()).isEqualTo(30);
        assertThat(call.answerWithinSeconds()).isNull();
        assertThat(call.answeredInTime()).isNull();
        assertThat(((TouchpointRecorded) load(golden("TouchpointRecorded-r4.json"))).answerWithinSeconds()).isEqualTo(18);
        TouchpointRecorded unchecked = (TouchpointRecorded) load(golden("TouchpointRecorded-r4.json"));
        assertThat(unchecked.conversationId()).as("no conversation told before revision 5").isNull();
        assertThat(unchecked.phrasesToAvoid()).as("no note checked before revision 5").isNull();
        TouchpointRecorded checked = (TouchpointRecorded) load(golden("TouchpointRecorded-r5.json"));
        assertThat(checked.phrasesToAvoid()).containsEntry(io.cxengine.journey.customer.PhraseToAvoid.CALM_DOWN, 1);

        assertThat(((CustomerEvent.PurchaseRecorded) load(golden("PurchaseRecorded-r1.json"))).fulfilBy()).isNull();
        assertThat(((CustomerEvent.PurchaseRecorded) load(golden("PurchaseRecorded-r2.json"))).fulfilBy())
                .isEqualTo(java.time.Instant.parse("2026-03-02T12:00:00.123456Z"));
    }

    @Test
    @DisplayName("a clock recorded before the service standards book names no version; one recorded since names its version")
    void versionsOnlySinceTheBook() throws IOException {
        assertThat(((TouchpointRecorded) load(golden("TouchpointRecorded-r5.json"))).standardVersions()).isNull();
        assertThat(((CustomerEvent.ComplaintFiled) load(golden("ComplaintFiled-r1.json"))).standardVersions()).isNull();
        assertThat(((CustomerEvent.PurchaseRecorded) load(golden("PurchaseRecorded-r2.json"))).standardVersions())
                .isNull();
        assertThat(((TouchpointRecorded) load(golden("TouchpointRecorded-r6.json"))).standardVersions())
                .containsEntry(ServiceStandard.CALL_RETURN, 3).containsEntry(ServiceStandard.PHONE_ANSWER, 2);
        assertThat(((CustomerEvent.ComplaintFiled) load(golden("ComplaintFiled-r2.json"))).standardVersions())
                .containsEntry(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, 1);
        assertThat(((CustomerEvent.PurchaseRecorded) load(golden("PurchaseRecorded-r3.json"))).standardVersions())
                .containsEntry(ServiceStandard.ORDER_FULFILMENT, 2);
    }

    @Test
    @DisplayName("the current serializer writes the fields the corpus holds for the current revisions")
    void currentShape() throws IOException {
        for (CustomerEvent event : JournalSerializationTest.EVERY_EVENT) {
            SerializedObject<byte[]> stored = JOURNAL.serialize(event, byte[].class);
            JsonNode golden = golden(event.getClass().getSimpleName() + "-r" + stored.getType().getRevision() + ".json");
            assertThat(fields(JSON.readTree(stored.getData()))).as(event.getClass().getSimpleName())
                    .isEqualTo(fields(JSON.readTree(golden.get("payload").asText())));
        }
    }

    @Test
    @DisplayName("an event of a type the engine does not know fails loudly instead of being skipped")
    void unknownTypeFails() {
        var unknown = JSON.createObjectNode().put("type", "io.cxengine.journey.customer.CustomerEvent$Teleported")
                .put("revision", "1").put("payload", "{\"customerId\":\"7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21\"}");

        assertThatThrownBy(() -> load(unknown))
                .isInstanceOf(KnownEventTypes.UnknownEventType.class)
                .hasMessageContaining("Teleported");
    }

    /** A changed shape without a new revision and an upcaster would show here. */
    private static List<String> fields(JsonNode payload) {
        List<String> names = new ArrayList<>();
        payload.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Object load(JsonNode golden) {
        List<EventUpcaster> upcasters = new ArrayList<>();
        ServiceLoader.load(EventUpcaster.class).forEach(upcasters::add);
        upcasters.add(new KnownEventTypes(JOURNAL));
        var entry = new GenericDomainEventEntry<>("Customer", "7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21", 0,
                "golden-event", "2026-03-01T12:00:00Z", golden.get("type").asText(), golden.get("revision").asText(),
                golden.get("payload").asText().getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = new EventUpcasterChain(upcasters)
                .upcast(java.util.stream.Stream.of(new InitialEventRepresentation(entry, JOURNAL)))
                .collect(Collectors.toList());
        return JOURNAL.deserialize(upcast.get(0).getData());
    }

    static JsonNode golden(String name) throws IOException {
        try (InputStream file = GoldenCorpusTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(file).as("golden file " + name).isNotNull();
            return JSON.readTree(file);
        }
    }
}
