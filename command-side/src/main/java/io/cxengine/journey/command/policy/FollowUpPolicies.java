package io.cxengine.journey.command.policy;

import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUpWhereWelcome;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.ComplaintResolved;
import io.cxengine.journey.customer.CustomerId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Runs the follow-up policies: reads the facts that call for a follow-up (a complaint resolved, an account lost) and
 * asks the customer's aggregate to promise one, under the policy's name. At least once: a fact read again asks again,
 * and the follow-up's id, drawn from the fact, records it once. A fact whose follow-up would already be due (history
 * recorded late, or imported) calls for none: nobody can come back in the past.
 */
@ProcessingGroup(FollowUpPolicies.PROCESSING_GROUP)
public class FollowUpPolicies {

    public static final String PROCESSING_GROUP = "follow-up-policies";
    private static final Logger log = LoggerFactory.getLogger(FollowUpPolicies.class);

    private final JourneyCommands commands;
    private final FollowUpPolicySettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    FollowUpPolicies(JourneyCommands commands, FollowUpPolicySettings settings, Clock clock, MeterRegistry meters) {
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    @EventHandler
    void on(ComplaintResolved resolved, EventMessage<?> message) {
        followUp(FollowUpPolicy.RECOVERY_FOLLOW_UP, resolved.customerId(), resolved.complaintId(),
                resolved.occurredAt(), message);
    }

    @EventHandler
    void on(AccountLost lost, EventMessage<?> message) {
        followUp(FollowUpPolicy.LOST_ACCOUNT_SURVEY, lost.customerId(), null, lost.occurredAt(), message);
    }

    private void followUp(FollowUpPolicy policy, CustomerId customer, ComplaintId complaint, Instant factAt,
                          EventMessage<?> message) {
        FollowUpPolicySettings.Policy settings = this.settings.of(policy);
        if (!settings.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Instant dueAt = factAt.plus(settings.delay());
        if (!dueAt.isAfter(now)) {
            meters.counter("journey.policy.follow-ups.passed", "policy", policy.name()).increment();
            return;
        }
        MetaData provenance = MetaData.with(Provenance.PRINCIPAL, policy.principal())
                .and(Provenance.SYSTEM, "journey-engine")
                .and(Provenance.CORRELATION_ID, Objects.requireNonNullElse(
                        message.getMetaData().get(Provenance.CORRELATION_ID), message.getIdentifier()));
        commands.record(new ScheduleFollowUpWhereWelcome(customer, policy.followUpFor(customer, complaint, factAt),
                policy.occasion(), dueAt, policy.purpose(), complaint, now), provenance);
        meters.counter("journey.policy.follow-ups.asked", "policy", policy.name()).increment();
        log.debug("{} asked a follow-up of {} due {}", policy, customer, dueAt);
    }
}
