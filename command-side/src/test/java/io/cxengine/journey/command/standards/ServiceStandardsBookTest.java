package io.cxengine.journey.command.standards;

import io.cxengine.journey.command.customer.InvalidFact;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.customer.ServiceStandards;
import io.cxengine.journey.command.customer.StandardsInForce;
import io.cxengine.journey.command.standards.StandardsCommand.ChangeServiceStandard;
import io.cxengine.journey.command.standards.StandardsCommand.OpenServiceStandardsBook;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The service standards book: opened with the configured limits, then a version at a time, never for the past. */
class ServiceStandardsBookTest {

    private static final Duration AHEAD = Duration.ofMinutes(1);
    /** How far in the future a fact may be dated. */
    private static final Duration SKEW = Duration.ofMinutes(5);
    private final List<ServiceStandardChanged> opening = StandardsInForce.opening(ServiceStandards.DEFAULTS);
    private AggregateTestFixture<ServiceStandardsBook> book;
    private Instant now;

    @BeforeEach
    void book() {
        book = new AggregateTestFixture<>(ServiceStandardsBook.class);
        book.registerInjectableResource(new StandardsInForce(ServiceStandards.DEFAULTS, from -> List.of(),
                Clock.systemUTC(), AHEAD, SKEW));
        now = book.currentTime();
    }

    private Object[] opened() {
        return opening.toArray();
    }

    @Test
    @DisplayName("the book opens with each standard that has a limit of its own at its configured limit, version 1 from the beginning")
    void opensWithTheConfiguredLimits() {
        book.givenNoPriorActivity()
                .when(new OpenServiceStandardsBook(opening))
                .expectEvents(new ServiceStandardChanged(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, 1, 86_400,
                                Instant.EPOCH, "as configured when the service standards book was opened"),
                        new ServiceStandardChanged(ServiceStandard.CALL_RETURN, 1, 86_400, Instant.EPOCH,
                                "as configured when the service standards book was opened"),
                        new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 1, 86_400, Instant.EPOCH,
                                "as configured when the service standards book was opened"),
                        new ServiceStandardChanged(ServiceStandard.PHONE_ANSWER, 1, 18, Instant.EPOCH,
                                "as configured when the service standards book was opened"),
                        new ServiceStandardChanged(ServiceStandard.ORDER_FULFILMENT, 1, 86_400, Instant.EPOCH,
                                "as configured when the service standards book was opened"));
    }

    @Test
    @DisplayName("a new version is recorded ahead of its time, numbered after the last, and answered")
    void versionRecorded() {
        Instant march = now.plus(Duration.ofDays(30));
        ServiceStandardChanged twelveHours = new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 2, 43_200,
                march, "staffed around the clock");
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(12), march,
                        " staffed around the clock "))
                .expectEvents(twelveHours)
                .expectResultMessagePayload(twelveHours);
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(12), null, "sooner"))
                .expectEvents(new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 2, 43_200,
                        now.plus(AHEAD).plus(SKEW), "sooner"));
    }

    @Test
    @DisplayName("refused: a version for the past or sooner than announced (and the facts' clock skew), one before the latest, the same limit again")
    void neverForThePast() {
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(12),
                        now.minus(Duration.ofDays(90)), "re-score last quarter"))
                .expectException(JourneyRuleViolation.class).expectNoEvents();
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(12),
                        now.plus(Duration.ofMinutes(4)), "within the facts' clock skew"))
                .expectException(JourneyRuleViolation.class).expectNoEvents();
        Instant inAWeek = now.plus(Duration.ofDays(7));
        book.given(opened())
                .andGiven(new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 2, 43_200, inAWeek, "march"))
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(8),
                        now.plus(Duration.ofDays(3)), "sooner than the latest"))
                .expectException(JourneyRuleViolation.class).expectNoEvents();
        book.given(opened())
                .andGiven(new ServiceStandardChanged(ServiceStandard.EMAIL_RESPONSE, 2, 43_200, inAWeek, "march"))
                .when(new ChangeServiceStandard(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(12),
                        now.plus(Duration.ofDays(9)), "the same again"))
                .expectException(JourneyRuleViolation.class).expectNoEvents();
    }

    @Test
    @DisplayName("refused as invalid: a standard without a limit of its own, a limit of none or of part of a second, no reason, a time years ahead")
    void invalidVersions() {
        Instant later = now.plus(Duration.ofDays(1));
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.FOLLOW_UP, Duration.ofHours(12), later, "faster"))
                .expectException(InvalidFact.class).expectNoEvents();
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.PHONE_ANSWER, Duration.ZERO, later, "at once"))
                .expectException(InvalidFact.class).expectNoEvents();
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.PHONE_ANSWER, Duration.ofMillis(12_500), later, "rings"))
                .expectException(InvalidFact.class).expectNoEvents();
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.CALL_RETURN, Duration.ofHours(4), later, " "))
                .expectException(InvalidFact.class).expectNoEvents();
        book.given(opened())
                .when(new ChangeServiceStandard(ServiceStandard.CALL_RETURN, Duration.ofHours(4),
                        now.plus(Duration.ofDays(3 * 365)), "a mistyped year"))
                .expectException(InvalidFact.class).expectNoEvents();
    }
}
