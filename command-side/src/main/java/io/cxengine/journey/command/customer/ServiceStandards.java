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
 *     the time promised for the solution);</li>
 * <li>{@code PHONE_ANSWER}: an inbound call is answered within {@code rings} rings of {@code ringTime} each (default
 *     three rings of 6 seconds, a North American ring cycle: "answer the phone within three rings"), judged from the
 *     caller's wait when the call is recorded;</li>
 * <li>{@code ORDER_FULFILMENT}: an order awaiting fulfilment is filled within {@code orderFulfilment} of its receipt
 *     (default one day: "fill every order within one day of receipt").</li>
 * </ul>
 * Which fact starts and which stops each clock is {@link JourneyRules}'. Set in configuration
 * ({@code journey.service-standards.*}, bound onto this record); a duration left out takes its default here.
 *
 * @param complaintAcknowledgement from a complaint to its acknowledgement
 * @param callReturn               from an inbound call asking for a call back to an outbound call
 * @param emailResponse            from an inbound e-mail to an outbound e-mail
 * @param ringTime                 how long one ring lasts
 * @param rings                    within how many rings an inbound call is answered
 * @param orderFulfilment          from an order's receipt to its fulfilment
 * @param lateRecordingGrace       a clock that ran out before its start was even recorded is checked this long after
 *                                 recording, so that a late-logged history (a complaint and its acknowledgement sent
 *                                 one after the other) is not breached between the two (default 5 minutes)
 */
public record ServiceStandards(Duration complaintAcknowledgement, Duration callReturn, Duration emailResponse,
                               Duration ringTime, Integer rings, Duration orderFulfilment,
                               Duration lateRecordingGrace) {

    /** The defaults above. */
    public static final ServiceStandards DEFAULTS = new ServiceStandards(null, null, null, null, null, null, null);

    public ServiceStandards {
        complaintAcknowledgement = Objects.requireNonNullElse(complaintAcknowledgement, Duration.ofHours(24));
        callReturn = Objects.requireNonNullElse(callReturn, Duration.ofHours(24));
        emailResponse = Objects.requireNonNullElse(emailResponse, Duration.ofHours(24));
        ringTime = Objects.requireNonNullElse(ringTime, Duration.ofSeconds(6));
        rings = Objects.requireNonNullElse(rings, 3);
        orderFulfilment = Objects.requireNonNullElse(orderFulfilment, Duration.ofDays(1));
        lateRecordingGrace = Objects.requireNonNullElse(lateRecordingGrace, Duration.ofMinutes(5));
        if (rings < 1 || ringTime.isNegative() || ringTime.isZero() || ringTime.toNanosPart() != 0) {
            throw new IllegalArgumentException(
                    "An inbound call is answered within at least one ring, each of whole seconds (the wait is told in seconds)");
        }
    }

    /** Within how long an inbound call is answered: the rings, each as long as a ring lasts. */
    public Duration phoneAnswer() {
        return ringTime.multipliedBy(rings);
    }

    /** How long the standard's clock runs; empty for a standard whose due time the fact itself names. */
    public Optional<Duration> of(ServiceStandard standard) {
        return Optional.ofNullable(switch (standard) {
            case COMPLAINT_ACKNOWLEDGEMENT -> complaintAcknowledgement;
            case CALL_RETURN -> callReturn;
            case EMAIL_RESPONSE -> emailResponse;
            case PHONE_ANSWER -> phoneAnswer();
            case ORDER_FULFILMENT -> orderFulfilment;
            case FOLLOW_UP, PROMISED_SOLUTION -> null;
        });
    }
}
