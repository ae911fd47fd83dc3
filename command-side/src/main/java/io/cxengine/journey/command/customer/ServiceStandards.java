package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ServiceStandard;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which service standards the journey keeps, and how long each one's clock runs: the one place to look. The standards
 * themselves ({@link ServiceStandard}, named by the events) are:
 * <ul>
 * <li>{@code COMPLAINT_ACKNOWLEDGEMENT}: a filed complaint is acknowledged within {@code complaintAcknowledgement}
 *     (default 24 hours);</li>
 * <li>{@code CALL_RETURN}: an inbound call that asked for a call back is returned by an outbound call within
 *     {@code callReturn} (default 24 hours: "return every call within 24 hours");</li>
 * <li>{@code EMAIL_RESPONSE}: an inbound e-mail is answered by an outbound e-mail within {@code emailResponse}
 *     (default 24 hours: "respond to every e-mail within 24 hours");</li>
 * <li>{@code FOLLOW_UP} and {@code PROMISED_SOLUTION}: by the due time the fact itself names (the follow-up's due time,
 *     the time promised for the solution).</li>
 * </ul>
 * Which fact starts and which stops each clock is {@link JourneyRules}'. Set in configuration
 * ({@code journey.service-standards.*}, bound onto this record); a duration left out takes its default here.
 *
 * @param complaintAcknowledgement from a complaint to its acknowledgement
 * @param callReturn               from an inbound call asking for a call back to an outbound call
 * @param emailResponse            from an inbound e-mail to an outbound e-mail
 * @param lateRecordingGrace       a clock that ran out before its start was even recorded is checked this long after
 *                                 recording, so that a late-logged history (a complaint and its acknowledgement sent
 *                                 one after the other) is not breached between the two (default 5 minutes)
 */
public record ServiceStandards(Duration complaintAcknowledgement, Duration callReturn, Duration emailResponse,
                               Duration lateRecordingGrace) {

    /** The defaults above. */
    public static final ServiceStandards DEFAULTS = new ServiceStandards(null, null, null, null);

    public ServiceStandards {
        complaintAcknowledgement = Objects.requireNonNullElse(complaintAcknowledgement, Duration.ofHours(24));
        callReturn = Objects.requireNonNullElse(callReturn, Duration.ofHours(24));
        emailResponse = Objects.requireNonNullElse(emailResponse, Duration.ofHours(24));
        lateRecordingGrace = Objects.requireNonNullElse(lateRecordingGrace, Duration.ofMinutes(5));
    }

    /** How long the standard's clock runs; empty for a standard whose due time the fact itself names. */
    public Optional<Duration> of(ServiceStandard standard) {
        return Optional.ofNullable(switch (standard) {
            case COMPLAINT_ACKNOWLEDGEMENT -> complaintAcknowledgement;
            case CALL_RETURN -> callReturn;
            case EMAIL_RESPONSE -> emailResponse;
            case FOLLOW_UP, PROMISED_SOLUTION -> null;
        });
    }
}
