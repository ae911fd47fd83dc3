package io.cxengine.journey.customer;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Facts about one customer's journey, in the words the CX team uses.
 * <p>
 * The store records each record's class name and {@link Revision}, so renaming, moving or reshaping an event is a
 * schema change: bump the revision and add an upcaster. The time an event was recorded is the message timestamp; a
 * time the domain reasons about ({@code occurredAt}, a due time) is a field. Each event carries what a reader needs to
 * understand it, never a copy of the aggregate.
 */
public sealed interface CustomerEvent {

    CustomerId customerId();

    /** When it happened in the world, which may be long before it was recorded (a letter, a fax, a call noted later). */
    Instant occurredAt();

    /** The company recognised a new customer and opened their journey. */
    @Revision("1")
    record CustomerRegistered(CustomerId customerId, @PersonalData String name, @PersonalData String email, @PersonalData String phone,
                              IdentificationMethod identifiedVia, Instant occurredAt) implements CustomerEvent {
    }

    /**
     * Something is now known about the customer, so nobody needs to ask again. A special-category attribute
     * (religion, ethnic origin, political opinion, health…) is recorded only with the customer's explicit consent.
     */
    @Revision("1")
    record AttributeRecorded(CustomerId customerId, AttributeKind kind, String name, @PersonalData String value,
                             boolean specialCategory, Instant occurredAt) implements CustomerEvent {
    }

    /** The customer welcomes contact over this channel. */
    @Revision("1")
    record ConsentGranted(CustomerId customerId, Channel channel, Instant occurredAt) implements CustomerEvent {
    }

    /** The customer no longer welcomes contact over this channel. */
    @Revision("1")
    record ConsentWithdrawn(CustomerId customerId, Channel channel, Instant occurredAt) implements CustomerEvent {
    }

    /**
     * A moment of truth: one contact between the company and the customer. When the contact starts a service clock
     * (an inbound call asking for a call back, an inbound e-mail), {@code startsClock} says which standard's and
     * {@code replyDueBy} by when it must be answered; when it answers (an outbound call returns calls, an outbound
     * e-mail answers e-mails), {@code stopsClocks} says which standard's running clocks it stops: those the customer's
     * earlier contacts started no later than this one. An inbound call recorded with the caller's wait is judged
     * against the three-ring standard at once: {@code answerWithinSeconds} is that standard's limit as it was in force
     * (met when {@code waitSeconds} is within it; a {@link ServiceStandardBreached} follows when it is not); null when
     * nothing was judged. The rule is decided once, when the contact is recorded; every reader takes it from here.
     * {@code contactCentre} names who handled it: {@value #IN_HOUSE}, or the outsourced contact centre (its contacts
     * are still the company's). Revision 2 added {@code contactCentre} (revision 1 contacts were all handled in
     * house); revision 3 added {@code startsClock} and {@code stopsClocks}; revision 4 {@code answerWithinSeconds}
     * (no earlier call was judged); revision 5 {@code conversationId}, the conversation the contact is part of (one
     * interaction cycle over one or more contacts; null when not told), and {@code phrasesToAvoid}, how often the
     * agent's note uses each of the seeds' phrases to avoid (counted when recorded; only the counts are kept outside
     * the sealed note; null for a touchpoint recorded before notes were checked); revision 6 {@code standardVersions},
     * the version of the service standards book each clock it starts or judges ran under (null when none, and for a
     * touchpoint recorded before the book).
     */
    @Revision("6")
    record TouchpointRecorded(CustomerId customerId, TouchpointId touchpointId, Channel channel, Direction direction,
                              @PersonalData String purpose, InteractionStage stage, Valence valence, String agentId,
                              String contactCentre, Integer waitSeconds, Integer durationSeconds, @PersonalData String note,
                              boolean callbackRequested, ServiceStandard startsClock, Instant replyDueBy,
                              ServiceStandard stopsClocks, Integer answerWithinSeconds, String conversationId,
                              Map<PhraseToAvoid, Integer> phrasesToAvoid,
                              Map<ServiceStandard, Integer> standardVersions, Instant occurredAt)
            implements CustomerEvent {

        /** Who handled a contact the company's own staff handled. */
        public static final String IN_HOUSE = "in-house";

        /** Whether the call was answered within the three-ring standard it was judged by (null: not judged). */
        public Boolean answeredInTime() {
            return answerWithinSeconds == null ? null : waitSeconds <= answerWithinSeconds;
        }

        /** When the call had to be answered by, under the three-ring standard it was judged by (null: not judged). */
        public Instant answerDueAt() {
            return answerWithinSeconds == null ? null : occurredAt.plusSeconds(answerWithinSeconds);
        }

        /** When the call was answered: at the end of the caller's wait (null: no wait told). */
        public Instant answeredAt() {
            return waitSeconds == null ? null : occurredAt.plusSeconds(waitSeconds);
        }
    }

    /**
     * The company contacted the customer over a channel the customer had not consented to, or had withdrawn from: the
     * contact happened, so it is recorded, and this is recorded with it. {@code touchpointId} names the contact, or is
     * null for a win-back offer; a contact that answered the customer's own request (returned their call, answered
     * their e-mail) is welcome and raises none.
     */
    @Revision("1")
    record ConsentBreached(CustomerId customerId, Channel channel, TouchpointId touchpointId, Instant occurredAt)
            implements CustomerEvent {
    }

    /**
     * The customer complained; it must be acknowledged by {@code acknowledgeBy}, under the version of the
     * acknowledgement standard {@code standardVersions} names. Revision 2 added {@code standardVersions} (null for a
     * complaint filed before the service standards book).
     */
    @Revision("2")
    record ComplaintFiled(CustomerId customerId, ComplaintId complaintId, ComplaintCategory category,
                          @PersonalData String otherCategory, @PersonalData String description, Severity severity, TouchpointId touchpointId,
                          Instant acknowledgeBy, Map<ServiceStandard, Integer> standardVersions, Instant occurredAt)
            implements CustomerEvent {
    }

    /** The company told the customer their complaint was heard. */
    @Revision("1")
    record ComplaintAcknowledged(CustomerId customerId, ComplaintId complaintId, Instant occurredAt)
            implements CustomerEvent {
    }

    /** The company proposed a solution to the complaint. */
    @Revision("1")
    record SolutionProposed(CustomerId customerId, ComplaintId complaintId, @PersonalData String proposal, Instant occurredAt)
            implements CustomerEvent {
    }

    /** The customer agreed to the proposed solution; if the company promised a time, it must deliver by then. */
    @Revision("1")
    record SolutionAgreed(CustomerId customerId, ComplaintId complaintId, @PersonalData String proposal, Instant promisedBy,
                          Instant occurredAt) implements CustomerEvent {
    }

    /** The complaint was resolved. */
    @Revision("1")
    record ComplaintResolved(CustomerId customerId, ComplaintId complaintId, @PersonalData String resolution, Instant occurredAt)
            implements CustomerEvent {
    }

    /** A resolved complaint turned out not to be resolved. */
    @Revision("1")
    record ComplaintReopened(CustomerId customerId, ComplaintId complaintId, @PersonalData String reason, Instant occurredAt)
            implements CustomerEvent {
    }

    /** The company apologised, for a complaint or for one contact. */
    @Revision("1")
    record ApologyIssued(CustomerId customerId, ComplaintId complaintId, TouchpointId touchpointId,
                         ApologyReason reason, String by, Instant occurredAt) implements CustomerEvent {
    }

    /** The company promised to come back to the customer by {@code dueAt}. */
    @Revision("1")
    record FollowUpScheduled(CustomerId customerId, FollowUpId followUpId, Instant dueAt, Channel channel,
                             @PersonalData String purpose, ComplaintId complaintId, Instant occurredAt) implements CustomerEvent {
    }

    /** The promised follow-up happened, and this is how it went. */
    @Revision("1")
    record FollowUpCompleted(CustomerId customerId, FollowUpId followUpId, @PersonalData String outcome, Valence valence,
                             Instant occurredAt) implements CustomerEvent {
    }

    /** Nobody came back to the customer by the time promised: a negative moment the customer felt. */
    @Revision("1")
    record FollowUpMissed(CustomerId customerId, FollowUpId followUpId, Instant dueAt, Instant occurredAt)
            implements CustomerEvent {
    }

    /**
     * The customer told how satisfied they are. The lost-account survey records the reason the customer states for
     * leaving, which may differ from what their history shows.
     */
    @Revision("1")
    record SatisfactionMeasured(CustomerId customerId, SurveyKind kind, Integer score, LossReason statedReason,
                                @PersonalData Map<String, String> answers, @PersonalData String comment, Instant occurredAt)
            implements CustomerEvent {
    }

    /**
     * The customer bought something. An order that awaits fulfilment (a web or phone order, not one handed over on the
     * spot) must be filled by {@code fulfilBy}: the order-fulfilment standard in force at receipt; null when the order
     * awaits nothing. Revision 2 added {@code fulfilBy} (no earlier order was judged); revision 3
     * {@code standardVersions}, the version of the fulfilment standard its clock runs under (null when none).
     */
    @Revision("3")
    record PurchaseRecorded(CustomerId customerId, String orderId, Money amount, Instant fulfilBy,
                            Map<ServiceStandard, Integer> standardVersions, Instant occurredAt)
            implements CustomerEvent {
    }

    /** An order awaiting fulfilment was filled (or shipped): the order-fulfilment clock stops. */
    @Revision("1")
    record OrderFulfilled(CustomerId customerId, String orderId, Instant occurredAt) implements CustomerEvent {
    }

    /** A service standard's clock ran out: the promise was broken, whether or not the customer complained. */
    @Revision("1")
    record ServiceStandardBreached(CustomerId customerId, ServiceStandard standard, String subject, Instant startedAt,
                                   Instant dueAt, Instant occurredAt) implements CustomerEvent {
    }

    /** The customer left; the reason is the company's best knowledge at the time. */
    @Revision("1")
    record AccountLost(CustomerId customerId, LossReason reason, @PersonalData String detail, Instant occurredAt)
            implements CustomerEvent {
    }

    /** The company tried to win a lost customer back. */
    @Revision("1")
    record WinBackAttempted(CustomerId customerId, @PersonalData String offer, Channel channel, Instant occurredAt)
            implements CustomerEvent {
    }

    /**
     * The customer's personal data was erased (right to be forgotten): their key is destroyed, so every personal field
     * of their history reads as erased; the journey itself (what happened, when) stays.
     */
    @Revision("1")
    record PersonalDataErased(CustomerId customerId, Instant occurredAt) implements CustomerEvent {
    }

    /** A lost customer came back; {@code trigger} says what showed it (a request, a purchase). */
    @Revision("1")
    record AccountReactivated(CustomerId customerId, String trigger, Instant occurredAt) implements CustomerEvent {
    }

    /**
     * The customer's history turned: the engine saw {@code signs} after the fact recorded with this one, and records
     * it so that a CRM can act before the loss. Recorded again whenever the signs change while they last; the balance
     * is that of the last 90 days up to the newest fact. A loss ends the watch until the account is reactivated.
     */
    @Revision("1")
    record CustomerAtRisk(CustomerId customerId, Set<RiskSign> signs, int recentBalance, Instant occurredAt)
            implements CustomerEvent {
    }

    /** None of the signs of risk remains: the turn is over. */
    @Revision("1")
    record CustomerNoLongerAtRisk(CustomerId customerId, Instant occurredAt) implements CustomerEvent {
    }
}
