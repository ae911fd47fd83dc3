package io.cxengine.journey.query.whatif;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.ComplaintAcknowledged;
import io.cxengine.journey.customer.CustomerEvent.ComplaintFiled;
import io.cxengine.journey.customer.CustomerEvent.ServiceStandardBreached;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The what-if fold: the clocks of a period judged as they ran and under proposed limits. */
class ClockReplayTest {

    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    private static TouchpointRecorded email(CustomerId customer, Direction direction, Instant at) {
        boolean inbound = direction == Direction.INBOUND;
        return new TouchpointRecorded(customer, TouchpointId.random(), Channel.EMAIL, direction, "order", null,
                Valence.NEUTRAL, null, TouchpointRecorded.IN_HOUSE, null, null, null, false,
                inbound ? ServiceStandard.EMAIL_RESPONSE : null, inbound ? at.plus(Duration.ofHours(24)) : null,
                inbound ? null : ServiceStandard.EMAIL_RESPONSE, null, null, null,
                inbound ? Map.of(ServiceStandard.EMAIL_RESPONSE, 1) : null, at);
    }

    @Test
    @DisplayName("an e-mail answered after 30 h is missed under 24 h and kept under a proposed 48 h, its breach notwithstanding")
    void stoppedByTheSameFactWheneverItCame() {
        ClockReplay replay = new ClockReplay(FROM, TO, Map.of(ServiceStandard.EMAIL_RESPONSE, Duration.ofHours(48)));
        CustomerId customer = CustomerId.random();
        Instant in = FROM.plus(Duration.ofDays(3));
        TouchpointRecorded inbound = email(customer, Direction.INBOUND, in);
        replay.apply(inbound);
        replay.apply(new ServiceStandardBreached(customer, ServiceStandard.EMAIL_RESPONSE,
                inbound.touchpointId().toString(), in, in.plus(Duration.ofHours(24)), in.plus(Duration.ofHours(24))));
        replay.apply(email(customer, Direction.OUTBOUND, in.plus(Duration.ofHours(30))));

        ClockReplay.Rescored email = replay.result(NOW, 1).get(0);
        assertThat(email.clocks()).isEqualTo(1L);
        assertThat(email.recordedLimits()).containsExactly("PT24H");
        assertThat(email.actual()).isEqualTo(new ClockReplay.Figures(1, 1, new java.math.BigDecimal("0.0000")));
        assertThat(email.proposed().missed()).isZero();
        assertThat(email.proposedLimit()).isEqualTo("PT48H");
    }

    @Test
    @DisplayName("only clocks that started in the period count; one not due yet is not decided; small counts are suppressed")
    void periodAndDecision() {
        ClockReplay replay = new ClockReplay(FROM, TO, Map.of(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT,
                Duration.ofHours(2)));
        CustomerId customer = CustomerId.random();
        ComplaintId inside = ComplaintId.random();
        Instant filed = FROM.plus(Duration.ofDays(1));
        replay.apply(new ComplaintFiled(customer, inside, ComplaintCategory.BILLING_MISTAKE, null, "twice",
                Severity.LOW, null, filed.plus(Duration.ofHours(24)), null, filed));
        replay.apply(new ComplaintAcknowledged(customer, inside, filed.plus(Duration.ofHours(3))));
        replay.apply(new ComplaintFiled(customer, ComplaintId.random(), ComplaintCategory.BILLING_MISTAKE, null,
                "after the period", Severity.LOW, null, TO.plus(Duration.ofHours(25)), null, TO.plusSeconds(3600)));

        ClockReplay.Rescored acknowledged = replay.result(NOW, 1).get(0);
        assertThat(acknowledged.clocks()).isEqualTo(1L);
        assertThat(acknowledged.actual().missed()).isZero();
        assertThat(acknowledged.proposed().missed()).as("acknowledged after 3 h, proposed 2 h").isEqualTo(1);
        Instant second = FROM.plus(Duration.ofDays(2));
        replay.apply(new ComplaintFiled(customer, ComplaintId.random(), ComplaintCategory.BILLING_MISTAKE, null,
                "not acknowledged yet", Severity.LOW, null, second.plus(Duration.ofHours(24)), null, second));
        ClockReplay.Rescored anHourIn = replay.result(second.plus(Duration.ofHours(1)), 1).get(0);
        assertThat(anHourIn.clocks()).isEqualTo(2L);
        assertThat(anHourIn.actual().decided()).as("the second is neither due nor known late").isEqualTo(1);
        assertThat(anHourIn.proposed().decided()).isEqualTo(1);
        ClockReplay.Rescored small = replay.result(NOW, 5).get(0);
        assertThat(small.suppressed()).isTrue();
        assertThat(small.clocks()).as("not even how many").isNull();
        assertThat(small.actual()).isNull();
    }
}
