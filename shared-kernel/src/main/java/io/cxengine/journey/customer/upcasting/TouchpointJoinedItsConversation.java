package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TouchpointRecorded} revision 4 to 5: a contact names its conversation ({@code conversationId}) and the counts
 * of the phrases to avoid in its note ({@code phrasesToAvoid}). No contact recorded before revision 5 told its
 * conversation, and its note was not checked (its text is sealed, and not read again): both are null.
 */
public class TouchpointJoinedItsConversation extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_4 = new SimpleSerializedType(TouchpointRecorded.class.getName(), "4");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_4);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TouchpointRecorded.class.getName(), "5"),
                JsonNode.class, payload -> ((ObjectNode) payload).putNull("conversationId").putNull("phrasesToAvoid"));
    }
}
