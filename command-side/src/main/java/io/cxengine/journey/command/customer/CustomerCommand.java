package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.ApologyReason;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** What other systems ask the journey to record about one customer. */
public sealed interface CustomerCommand {

    CustomerId customerId();

    /**
     * The ids of facts this command introduces or refers to, which its handler looks up in {@link RecordedIds}: read
     * ahead in the round trip that locks the customer, so that deciding the command needs no other.
     */
    default List<RecordedIds.Named> namedIds() {
        return List.of();
    }

    /** One thing known about a customer; special-category attributes need the customer's explicit consent. */
    record Attribute(AttributeKind kind, String name, String value, boolean explicitConsent) {
    }

    /** Open the journey of a customer the company has just identified, with what is already known of them. */
    record RegisterCustomer(@TargetAggregateIdentifier CustomerId customerId, String name, String email, String phone,
                            IdentificationMethod identifiedVia, List<Attribute> attributes, Set<Channel> consents,
                            Instant occurredAt) implements CustomerCommand {
    }

    /** Remember one attribute, so that nobody asks the customer again. */
    record RecordAttribute(@TargetAggregateIdentifier CustomerId customerId, Attribute attribute, Instant occurredAt)
            implements CustomerCommand {
    }

    /** Record whether the customer welcomes contact over a channel. */
    record RecordConsent(@TargetAggregateIdentifier CustomerId customerId, Channel channel, boolean granted,
                         Instant occurredAt) implements CustomerCommand {
    }

    /** Record one contact, a moment of truth. */
    record RecordTouchpoint(@TargetAggregateIdentifier CustomerId customerId, TouchpointId touchpointId,
                            Channel channel, Direction direction, String purpose, InteractionStage stage,
                            Valence valence, String agentId, String contactCentre, Integer waitSeconds,
                            Integer durationSeconds, String note, boolean callbackRequested, String conversationId,
                            Instant occurredAt)
            implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.TOUCHPOINT, touchpointId);
        }
    }

    /** Record a complaint. */
    record FileComplaint(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId,
                         ComplaintCategory category, String otherCategory, String description, Severity severity,
                         TouchpointId touchpointId, Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return Stream.concat(RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId).stream(),
                    RecordedIds.Named.of(RecordedIds.Kind.TOUCHPOINT, touchpointId).stream()).toList();
        }
    }

    /** Record that the customer was told their complaint was heard. */
    record AcknowledgeComplaint(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId,
                                Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId);
        }
    }

    /** Record a solution proposed for a complaint. */
    record ProposeSolution(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId, String proposal,
                           Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId);
        }
    }

    /** Record that the customer agreed to the proposed solution, and by when the company promised to deliver it. */
    record AgreeSolution(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId,
                         Instant promisedBy, Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId);
        }
    }

    /** Record that a complaint was resolved. */
    record ResolveComplaint(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId,
                            String resolution, Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId);
        }
    }

    /** Record that a resolved complaint is open again. */
    record ReopenComplaint(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId, String reason,
                           Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId);
        }
    }

    /** Record an apology, for a complaint or for one contact (exactly one of the two). */
    record IssueApology(@TargetAggregateIdentifier CustomerId customerId, ComplaintId complaintId,
                        TouchpointId touchpointId, ApologyReason reason, String by, Instant occurredAt)
            implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return Stream.concat(RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId).stream(),
                    RecordedIds.Named.of(RecordedIds.Kind.TOUCHPOINT, touchpointId).stream()).toList();
        }
    }

    /** Promise the customer a follow-up by a due time. */
    record ScheduleFollowUp(@TargetAggregateIdentifier CustomerId customerId, FollowUpId followUpId, Instant dueAt,
                            Channel channel, String purpose, ComplaintId complaintId, Instant occurredAt)
            implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return Stream.concat(RecordedIds.Named.of(RecordedIds.Kind.FOLLOW_UP, followUpId).stream(),
                    RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId).stream()).toList();
        }
    }

    /**
     * Promise the customer a follow-up on the engine's own initiative (a follow-up policy): over the channel the
     * customer welcomes ({@code JourneyRules.followUpChannel}), due at {@code dueAt}. Records nothing when no channel is
     * welcome, when the complaint already has a follow-up pending, when this follow-up is recorded already (a
     * policy may ask again), or when the occasion is over (the complaint reopened, the customer back).
     */
    record ScheduleFollowUpWhereWelcome(@TargetAggregateIdentifier CustomerId customerId, FollowUpId followUpId,
                                        Occasion occasion, Instant dueAt, String purpose, ComplaintId complaintId,
                                        Instant occurredAt)
            implements CustomerCommand {

        /** What calls for the follow-up, which must still be so when it is promised. */
        public enum Occasion {
            /** The complaint ({@code complaintId}) is resolved. */
            RESOLVED_COMPLAINT,
            /** The account is lost. */
            LOST_ACCOUNT
        }

        @Override
        public List<RecordedIds.Named> namedIds() {
            return Stream.concat(RecordedIds.Named.of(RecordedIds.Kind.FOLLOW_UP, followUpId).stream(),
                    RecordedIds.Named.of(RecordedIds.Kind.COMPLAINT, complaintId).stream()).toList();
        }
    }

    /** Record that a promised follow-up happened. */
    record CompleteFollowUp(@TargetAggregateIdentifier CustomerId customerId, FollowUpId followUpId, String outcome,
                            Valence valence, Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.FOLLOW_UP, followUpId);
        }
    }

    /** Record a survey answer. */
    record MeasureSatisfaction(@TargetAggregateIdentifier CustomerId customerId, SurveyKind kind, Integer score,
                               LossReason statedReason, Map<String, String> answers, String comment,
                               Instant occurredAt) implements CustomerCommand {
    }

    /** Record a purchase; an order that {@code awaitsFulfilment} starts the order-fulfilment clock. */
    record RecordPurchase(@TargetAggregateIdentifier CustomerId customerId, String orderId, Money amount,
                          boolean awaitsFulfilment, Instant occurredAt) implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.ORDER, orderId);
        }
    }

    /** Record that an order awaiting fulfilment was filled (or shipped). */
    record FulfilOrder(@TargetAggregateIdentifier CustomerId customerId, String orderId, Instant occurredAt)
            implements CustomerCommand {
        @Override
        public List<RecordedIds.Named> namedIds() {
            return RecordedIds.Named.of(RecordedIds.Kind.ORDER, orderId);
        }
    }

    /** Record that the account is lost. */
    record LoseAccount(@TargetAggregateIdentifier CustomerId customerId, LossReason reason, String detail,
                       Instant occurredAt) implements CustomerCommand {
    }

    /** Record an attempt to win a lost customer back. */
    record AttemptWinBack(@TargetAggregateIdentifier CustomerId customerId, String offer, Channel channel,
                          Instant occurredAt) implements CustomerCommand {
    }

    /** Erase the customer's personal data (right to be forgotten); the journey itself stays. */
    record ErasePersonalData(@TargetAggregateIdentifier CustomerId customerId, Instant occurredAt)
            implements CustomerCommand {
    }

    /** Record that a lost customer is back. */
    record ReactivateAccount(@TargetAggregateIdentifier CustomerId customerId, Instant occurredAt)
            implements CustomerCommand {
    }
}
