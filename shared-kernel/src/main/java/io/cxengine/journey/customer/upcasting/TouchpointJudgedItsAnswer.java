package io.cxengine.journey.customer.upcasting;

import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;

/**
 * {@code TouchpointRecorded} revision 3 to 4: an inbound call names the three-ring standard it was judged by
 * ({@code answerWithinSeconds}). No call recorded before revision 4 was judged, and none is judged now under a standard
 * that was not in force when it was recorded: the field is null.
 */
public class TouchpointJudgedItsAnswer extends FieldsUnknownBefore {

    public TouchpointJudgedItsAnswer() {
        super(TouchpointRecorded.class, "3", "4", "answerWithinSeconds");
    }
}
