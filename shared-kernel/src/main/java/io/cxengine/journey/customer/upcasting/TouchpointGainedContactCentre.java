package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TouchpointRecorded} revision 1 to 2: the touchpoint gained {@code contactCentre}, who handled the contact.
 * Before revision 2 the company handled every contact itself, so a revision-1 touchpoint was handled in house.
 */
public class TouchpointGainedContactCentre extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TouchpointRecorded.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TouchpointRecorded.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("contactCentre", TouchpointRecorded.IN_HOUSE);
            return payload;
        });
    }
}
