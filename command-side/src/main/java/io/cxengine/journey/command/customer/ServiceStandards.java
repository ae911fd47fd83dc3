package io.cxengine.journey.command.customer;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each service standard's clock runs, and how late a fact may be recorded before a clock that already ran
 * out is breached. Configuration ({@code journey.service-standards.*}), not literals in the rules.
 *
 * @param complaintAcknowledgement from a complaint to its acknowledgement
 * @param callReturn               from an inbound call asking for a call back to an outbound call
 * @param emailResponse            from an inbound e-mail to an outbound e-mail
 * @param lateRecordingGrace       a clock that ran out before its start was even recorded is checked this long after
 *                                 recording, so that a late-logged history (a complaint and its acknowledgement sent
 *                                 one after the other) is not breached between the two
 */
public record ServiceStandards(Duration complaintAcknowledgement, Duration callReturn, Duration emailResponse,
                               Duration lateRecordingGrace) {

    public ServiceStandards {
        Objects.requireNonNull(complaintAcknowledgement, "complaintAcknowledgement");
        Objects.requireNonNull(callReturn, "callReturn");
        Objects.requireNonNull(emailResponse, "emailResponse");
        Objects.requireNonNull(lateRecordingGrace, "lateRecordingGrace");
    }
}
