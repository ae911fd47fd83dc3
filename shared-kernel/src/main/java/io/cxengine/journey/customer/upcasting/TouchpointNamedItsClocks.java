package io.cxengine.journey.customer.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.ServiceStandard;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code TouchpointRecorded} revision 2 to 3: the touchpoint names the service-standard clock it started
 * ({@code startsClock}) and the standard whose running clocks it stopped ({@code stopsClocks}). A revision-2 touchpoint
 * was recorded under the rule in force until revision 3, applied here once more to say what it did: a clock was
 * started exactly when the touchpoint has {@code replyDueBy} (an inbound call asking for a call back: call return; an
 * inbound e-mail: e-mail response), and an outbound call stopped call-return clocks, an outbound e-mail e-mail-response
 * clocks. Later touchpoints carry what their own rule decided.
 */
public class TouchpointNamedItsClocks extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_3 = new SimpleSerializedType(TouchpointRecorded.class.getName(), "3");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(TouchpointGainedContactCentre.REVISION_2);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_3, JsonNode.class, payload -> {
            ObjectNode touchpoint = (ObjectNode) payload;
            String channel = touchpoint.path("channel").asText();
            String direction = touchpoint.path("direction").asText();
            boolean started = touchpoint.hasNonNull("replyDueBy");
            ServiceStandard standard = switch (channel) {
                case "PHONE" -> ServiceStandard.CALL_RETURN;
                case "EMAIL" -> ServiceStandard.EMAIL_RESPONSE;
                default -> null;
            };
            touchpoint.put("startsClock",
                    started && "INBOUND".equals(direction) && standard != null ? standard.name() : null);
            touchpoint.put("stopsClocks",
                    "OUTBOUND".equals(direction) && standard != null ? standard.name() : null);
            return touchpoint;
        });
    }
}
