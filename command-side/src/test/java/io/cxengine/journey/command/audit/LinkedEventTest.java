package io.cxengine.journey.command.audit;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LinkedEventTest {

    record Noted(String text) {
    }

    private final Serializer store = JacksonSerializer.defaultSerializer();
    private final DomainEventMessage<Noted> event = new GenericDomainEventMessage<>("Customer", "c-1", 4,
            new Noted("hello"), Map.of("principal", "agent-7"));

    @Test
    @DisplayName("the linked event hands the store the very payload bytes that were hashed, serialized once")
    void storeGetsTheHashedBytes() {
        SerializedObject<byte[]> hashed = store.serialize(event.getPayload(), byte[].class);

        var linked = new ChainedEvents.Linked<>(event, Map.of(HashChain.HASH, "h4", HashChain.PREVIOUS_HASH, "h3"),
                store, hashed);

        assertThat(linked.serializePayload(store, byte[].class)).isSameAs(hashed);
        assertThat(linked.getIdentifier()).isEqualTo(event.getIdentifier());
        assertThat(linked.getSequenceNumber()).isEqualTo(4);
        assertThat(linked.getTimestamp()).isEqualTo(event.getTimestamp());
        assertThat(linked.getMetaData()).containsEntry("principal", "agent-7").containsEntry(HashChain.HASH, "h4")
                .containsEntry(HashChain.PREVIOUS_HASH, "h3");
    }

    @Test
    @DisplayName("another serializer or representation serializes anew, to what that serializer makes")
    void otherSerializersSerializeAnew() {
        SerializedObject<byte[]> hashed = store.serialize(event.getPayload(), byte[].class);
        var linked = new ChainedEvents.Linked<>(event, Map.of(HashChain.HASH, "h4"), store, hashed);
        Serializer other = JacksonSerializer.defaultSerializer();

        assertThat(linked.serializePayload(other, byte[].class)).isNotSameAs(hashed);
        assertThat(linked.serializePayload(other, byte[].class).getData()).isEqualTo(hashed.getData());
        assertThat(linked.serializePayload(store, String.class).getData()).isEqualTo(new String(hashed.getData()));
    }
}
