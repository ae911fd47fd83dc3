package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;

/**
 * {@code TouchpointRecorded} revision 4 to 5: a contact names its conversation ({@code conversationId}) and the counts
 * of the phrases to avoid in its note ({@code phrasesToAvoid}). No contact recorded before revision 5 told its
 * conversation, and its note was not checked (its text is sealed, and not read again): both are null.
 */
public class TouchpointJoinedItsConversation extends FieldsUnknownBefore {

    public TouchpointJoinedItsConversation() {
        super(TouchpointRecorded.class, "4", "5", "conversationId", "phrasesToAvoid");
    }
}
