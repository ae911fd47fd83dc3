package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code PurchaseRecorded} revision 1 to 2: an order awaiting fulfilment names by when it must be filled
 * ({@code fulfilBy}). No order recorded before revision 2 started a fulfilment clock, and none starts one now under a
 * standard that was not in force: the field is null.
 */
public class PurchaseAwaitsFulfilment extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(PurchaseRecorded.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(PurchaseRecorded.class.getName(), "2"),
                JsonNode.class, payload -> ((ObjectNode) payload).putNull("fulfilBy"));
    }
}
