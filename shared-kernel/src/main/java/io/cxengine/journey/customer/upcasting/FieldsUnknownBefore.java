package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.List;

/**
 * An event's revision that gained fields nothing recorded before it could know: the earlier revision reads with them
 * null (unknown), never with a value the engine would have to make up.
 */
abstract class FieldsUnknownBefore extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;
    private final List<String> fields;

    FieldsUnknownBefore(Class<?> event, String fromRevision, String toRevision, String... fields) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
        this.fields = List.of(fields);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, payload -> {
            fields.forEach(((ObjectNode) payload)::putNull);
            return payload;
        });
    }
}
