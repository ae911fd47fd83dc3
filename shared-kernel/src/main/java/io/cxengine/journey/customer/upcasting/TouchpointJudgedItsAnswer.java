package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TouchpointRecorded} revision 3 to 4: an inbound call names the three-ring standard it was judged by
 * ({@code answerWithinSeconds}). No call recorded before revision 4 was judged, and none is judged now under a standard
 * that was not in force when it was recorded: the field is null.
 */
public class TouchpointJudgedItsAnswer extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(TouchpointNamedItsClocks.REVISION_3);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(TouchpointJoinedItsConversation.REVISION_4,
                JsonNode.class, payload -> ((ObjectNode) payload).putNull("answerWithinSeconds"));
    }
}
