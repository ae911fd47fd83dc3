package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.ComplaintAcknowledged;
import io.cxengine.journey.customer.CustomerEvent.SolutionAgreed;
import io.cxengine.journey.customer.CustomerEvent.SolutionProposed;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One open complaint of a customer, a member of the {@link Customer}: its lifecycle from filed to an agreed solution,
 * and the rules of each step. A resolved complaint leaves the customer (the store's ids keep that it was filed, and
 * when); reopened, it comes back.
 */
final class Complaint {

    @EntityId(routingKey = "complaintId")
    private ComplaintId complaintId;
    private ComplaintState state;

    private Complaint() {
        // For snapshots.
    }

    Complaint(ComplaintId complaintId, ComplaintState state) {
        this.complaintId = complaintId;
        this.state = state;
    }

    ComplaintState state() {
        return state;
    }

    // --- decisions ----------------------------------------------------------------------------------------------

    void acknowledge(CustomerId customer, Instant at) {
        if (!(state instanceof ComplaintState.Filed)) {
            throw new JourneyRuleViolation("Complaint %s is already acknowledged".formatted(complaintId));
        }
        apply(new ComplaintAcknowledged(customer, complaintId, at));
    }

    void propose(CustomerId customer, String proposal, Instant at) {
        if (!(state instanceof ComplaintState.Acknowledged || state instanceof ComplaintState.Proposed
                || state instanceof ComplaintState.Reopened)) {
            String refusal = state instanceof ComplaintState.Filed
                    ? "Complaint %s must be acknowledged before a solution is proposed"
                    : "Complaint %s already has an agreed solution";
            throw new JourneyRuleViolation(refusal.formatted(complaintId));
        }
        apply(new SolutionProposed(customer, complaintId, proposal, at));
    }

    void agree(CustomerId customer, Instant promisedBy, Instant at) {
        if (!(state instanceof ComplaintState.Proposed proposed)) {
            throw new JourneyRuleViolation("Complaint %s has no proposed solution to agree to".formatted(complaintId));
        }
        if (promisedBy != null && !promisedBy.isAfter(at)) {
            throw new JourneyRuleViolation("A solution cannot be promised by %s, before it was agreed at %s"
                    .formatted(promisedBy, at));
        }
        apply(new SolutionAgreed(customer, complaintId, proposed.proposal(), promisedBy, at));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Complaint complaint && complaintId.equals(complaint.complaintId)
                && state.equals(complaint.state);
    }

    @Override
    public int hashCode() {
        return complaintId.hashCode();
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ComplaintAcknowledged event) {
        state = new ComplaintState.Acknowledged(state.filedAt());
    }

    @EventSourcingHandler
    void on(SolutionProposed event) {
        state = new ComplaintState.Proposed(state.filedAt(), event.proposal());
    }

    @EventSourcingHandler
    void on(SolutionAgreed event) {
        state = new ComplaintState.Agreed(state.filedAt(), event.proposal(), event.promisedBy());
    }
}
