package io.cxengine.journey.query.moment;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.RelationshipBalance;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.Valence;

import java.util.Locale;
import java.util.Optional;

/**
 * One entry of a customer's moment-of-truth timeline: what happened, over which channel, at which stage of the
 * interaction cycle, how it left the customer, in one line. Every view that speaks of moments reads them from here,
 * so that the timeline, the profile's relationship balance, the briefing and the lost-account view agree.
 *
 * @param kind    what kind of moment
 * @param channel the channel, where the fact names one
 * @param stage   the interaction-cycle stage, where the fact names one
 * @param valence how it left the customer, where that is known
 * @param summary one line for a person to read; free text (notes, comments) is never part of it
 */
public record Moment(Kind kind, Channel channel, InteractionStage stage, Valence valence, String summary) {

    /** The kinds of entries on a timeline. */
    public enum Kind {
        TOUCHPOINT, COMPLAINT_FILED, COMPLAINT_ACKNOWLEDGED, SOLUTION_PROPOSED, SOLUTION_AGREED, COMPLAINT_RESOLVED,
        COMPLAINT_REOPENED, APOLOGY, FOLLOW_UP_SCHEDULED, FOLLOW_UP_COMPLETED, FOLLOW_UP_MISSED, SURVEY, PURCHASE,
        SERVICE_STANDARD_BREACHED, ACCOUNT_LOST, WIN_BACK_ATTEMPTED, ACCOUNT_REACTIVATED, ORDER_FULFILLED,
        CONSENT_BREACHED
    }

    /** The moment an event is, if it is one (registration, attributes and consents are not; a
     * fulfilled order and a breached consent are entries without a valence of their own). */
    public static Optional<Moment> of(CustomerEvent event) {
        Valence valence = RelationshipBalance.valence(event);
        if (event instanceof TouchpointRecorded e) {
            String wait = e.waitSeconds() != null && e.waitSeconds() >= 60
                    ? " after a wait of %d min".formatted(e.waitSeconds() / 60) : "";
            return moment(Kind.TOUCHPOINT, e.channel(), e.stage(), valence, "%s %s contact: %s%s%s".formatted(
                    e.direction() == Direction.INBOUND ? "Inbound" : "Outbound", words(e.channel()), e.purpose(), wait,
                    e.callbackRequested() ? "; asked to be called back" : ""));
        }
        if (event instanceof ComplaintFiled e) {
            return moment(Kind.COMPLAINT_FILED, null, null, valence, "Complaint filed: %s (%s severity)"
                    .formatted(e.otherCategory() != null ? e.otherCategory() : words(e.category()), words(e.severity())));
        }
        if (event instanceof ComplaintAcknowledged) {
            return moment(Kind.COMPLAINT_ACKNOWLEDGED, null, InteractionStage.UNDERSTANDING, valence,
                    "Complaint acknowledged");
        }
        if (event instanceof SolutionProposed) {
            return moment(Kind.SOLUTION_PROPOSED, null, InteractionStage.AGREEING, valence, "Solution proposed");
        }
        if (event instanceof SolutionAgreed e) {
            return moment(Kind.SOLUTION_AGREED, null, InteractionStage.AGREEING, valence,
                    e.promisedBy() != null ? "Solution agreed, promised by " + e.promisedBy() : "Solution agreed");
        }
        if (event instanceof ComplaintResolved) {
            return moment(Kind.COMPLAINT_RESOLVED, null, InteractionStage.DELIVERING, valence,
                    "Complaint resolved");
        }
        if (event instanceof ComplaintReopened) {
            return moment(Kind.COMPLAINT_REOPENED, null, null, valence, "Complaint reopened");
        }
        if (event instanceof ApologyIssued e) {
            return moment(Kind.APOLOGY, null, null, valence, "Apology for %s (%s)".formatted(
                    e.complaintId() != null ? "a complaint" : "a contact", words(e.reason())));
        }
        if (event instanceof FollowUpScheduled e) {
            return moment(Kind.FOLLOW_UP_SCHEDULED, e.channel(), InteractionStage.CLOSING, valence,
                    "Follow-up promised by %s: %s".formatted(e.dueAt(), e.purpose()));
        }
        if (event instanceof FollowUpCompleted e) {
            return moment(Kind.FOLLOW_UP_COMPLETED, null, InteractionStage.CLOSING, valence, "Follow-up completed");
        }
        if (event instanceof FollowUpMissed e) {
            return moment(Kind.FOLLOW_UP_MISSED, null, null, valence, "Follow-up due " + e.dueAt() + " missed");
        }
        if (event instanceof SatisfactionMeasured e) {
            return moment(Kind.SURVEY, null, null, valence, e.score() == null
                    ? "%s survey answered".formatted(words(e.kind()))
                    : "%s survey: %d".formatted(e.kind() == SurveyKind.LOST_ACCOUNT ? "Lost-account" : e.kind().name(),
                    e.score()));
        }
        if (event instanceof PurchaseRecorded e) {
            return moment(Kind.PURCHASE, Channel.WEB_SITE, null, null, "Purchase %s: %s %s".formatted(e.orderId(),
                    e.amount().amount().toPlainString(), e.amount().currency()));
        }
        if (event instanceof OrderFulfilled e) {
            return moment(Kind.ORDER_FULFILLED, null, null, valence, "Order %s filled".formatted(e.orderId()));
        }
        if (event instanceof ConsentBreached e) {
            return moment(Kind.CONSENT_BREACHED, e.channel(), null, valence, "Contacted by %s without consent"
                    .formatted(words(e.channel())));
        }
        if (event instanceof ServiceStandardBreached e) {
            return moment(Kind.SERVICE_STANDARD_BREACHED, null, null, valence,
                    "Service standard breached: %s, due %s".formatted(words(e.standard()), e.dueAt()));
        }
        if (event instanceof AccountLost e) {
            return moment(Kind.ACCOUNT_LOST, null, null, valence, "Account lost: " + words(e.reason()));
        }
        if (event instanceof WinBackAttempted e) {
            return moment(Kind.WIN_BACK_ATTEMPTED, e.channel(), null, valence, "Win-back offer made");
        }
        if (event instanceof AccountReactivated) {
            return moment(Kind.ACCOUNT_REACTIVATED, null, null, valence, "Account reactivated");
        }
        return Optional.empty();
    }

    /** The relationship-balance weight of this moment: +1, 0, -1. */
    public int weight() {
        return valence == null ? 0 : valence.weight();
    }

    private static Optional<Moment> moment(Kind kind, Channel channel, InteractionStage stage, Valence valence,
                                           String summary) {
        return Optional.of(new Moment(kind, channel, stage, valence, summary));
    }

    private static String words(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
