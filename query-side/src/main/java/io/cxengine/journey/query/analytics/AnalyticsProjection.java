package io.cxengine.journey.query.analytics;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.query.analytics.AnalyticsQueries.*;
import io.cxengine.journey.query.analytics.AnalyticsViews.*;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.lostaccount.CountRevealedReasons;
import io.cxengine.journey.query.lostaccount.RevealedReasonCounts;
import io.cxengine.journey.query.moment.Moment;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keeps the analytics tables: facts about complaints, moments, service clocks and losses, without personal data. Each
 * row about a customer also carries the customer's pseudonym, which only the engine can compute, so that the
 * {@code analyst} schema can show rows per customer without the customer id.
 */
@Component
@EnableConfigurationProperties(AnalyticsSettings.class)
@ProcessingGroup(AnalyticsProjection.PROCESSING_GROUP)
class AnalyticsProjection implements ReadModel {

    static final String PROCESSING_GROUP = "analytics";

    private final AnalyticsTables tables;
    private final AnalyticsSettings settings;
    private final Clock clock;
    private final Pseudonyms pseudonyms;
    private final QueryGateway queries;

    AnalyticsProjection(AnalyticsTables tables, AnalyticsSettings settings, Clock clock, Pseudonyms pseudonyms,
                        @Lazy QueryGateway queries) {
        this.queries = queries;
        this.tables = tables;
        this.settings = settings;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
    }

    /** Any other fact: a moment of truth with a valence, if it is one. */
    @EventHandler
    void on(CustomerEvent event, EventMessage<?> message) {
        moment(event, message);
    }

    /** A version of a service standard, kept for the figures per version. */
    @EventHandler
    void on(ServiceStandardChanged changed, EventMessage<?> message) {
        Object principal = message.getMetaData().get("principal");
        tables.standardVersion(changed.standard().name(), changed.version(), changed.withinSeconds(),
                changed.effectiveFrom(), changed.reason(), principal == null ? null : principal.toString(),
                message.getTimestamp());
    }

    /** The version of a standard a fact names for the clock it starts; null if it names none. */
    private static Integer version(Map<ServiceStandard, Integer> versions, ServiceStandard standard) {
        return versions == null || standard == null ? null : versions.get(standard);
    }

    @EventHandler
    void on(CustomerRegistered registered, EventMessage<?> message) {
        moment(registered, message);
        tables.customer(registered.customerId().value(), pseudonym(registered));
    }

    /** A touchpoint answers the clocks of its standard that were running, and may start one of its own. */
    @EventHandler
    void on(TouchpointRecorded touchpoint, EventMessage<?> message) {
        moment(touchpoint, message);
        UUID customer = touchpoint.customerId().value();
        tables.touchpoint(touchpoint.touchpointId().value(), customer, touchpoint.channel().name(),
                touchpoint.conversationId(), touchpoint.agentId(),
                touchpoint.stage() == null ? null : touchpoint.stage().name(), touchpoint.valence().name(),
                touchpoint.occurredAt(), touchpoint.phrasesToAvoid() != null);
        if (touchpoint.phrasesToAvoid() != null) {
            touchpoint.phrasesToAvoid().forEach((phrase, uses) ->
                    tables.phraseUsed(touchpoint.touchpointId().value(), phrase.name(), uses));
        }
        if (touchpoint.stopsClocks() != null) {
            tables.clocksAnswered(customer, touchpoint.stopsClocks().name(), touchpoint.occurredAt());
        }
        if (touchpoint.startsClock() != null) {
            tables.clockStarted(customer, pseudonym(touchpoint), touchpoint.startsClock().name(),
                    touchpoint.touchpointId().toString(), touchpoint.occurredAt(), touchpoint.replyDueBy(),
                    version(touchpoint.standardVersions(), touchpoint.startsClock()));
        }
        if (touchpoint.answerWithinSeconds() != null) {
            // Judged when recorded: answered at the end of the caller's wait, in time or (breach recorded next) not.
            String subject = touchpoint.touchpointId().toString();
            tables.clockStarted(customer, pseudonym(touchpoint), ServiceStandard.PHONE_ANSWER.name(), subject,
                    touchpoint.occurredAt(), touchpoint.answerDueAt(),
                    version(touchpoint.standardVersions(), ServiceStandard.PHONE_ANSWER));
            tables.clockStopped(customer, ServiceStandard.PHONE_ANSWER.name(), subject, touchpoint.answeredAt());
        }
    }

    /** An order that awaits fulfilment starts its clock; its fulfilment stops it. */
    @EventHandler
    void on(PurchaseRecorded purchase, EventMessage<?> message) {
        moment(purchase, message);
        if (purchase.fulfilBy() != null) {
            tables.clockStarted(purchase.customerId().value(), pseudonym(purchase),
                    ServiceStandard.ORDER_FULFILMENT.name(), purchase.orderId(), purchase.occurredAt(),
                    purchase.fulfilBy(), version(purchase.standardVersions(), ServiceStandard.ORDER_FULFILMENT));
        }
    }

    @EventHandler
    void on(OrderFulfilled fulfilled, EventMessage<?> message) {
        moment(fulfilled, message);
        tables.clockStopped(fulfilled.customerId().value(), ServiceStandard.ORDER_FULFILMENT.name(),
                fulfilled.orderId(), fulfilled.occurredAt());
    }

    @EventHandler
    void on(ConsentBreached breach, EventMessage<?> message) {
        moment(breach, message);
        tables.consentBreached(message.getIdentifier(), breach.customerId().value(), pseudonym(breach),
                breach.channel().name(), breach.touchpointId() == null ? "WIN_BACK" : "TOUCHPOINT",
                breach.occurredAt());
    }

    @EventHandler
    void on(ComplaintFiled filed, EventMessage<?> message) {
        moment(filed, message);
        UUID customer = filed.customerId().value();
        tables.complaintFiled(filed.complaintId().value(), customer, pseudonym(filed), filed.category().name(),
                filed.severity().name(), filed.touchpointId() == null ? null : filed.touchpointId().value(),
                filed.occurredAt());
        tables.clockStarted(customer, pseudonym(filed), ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                filed.complaintId().toString(), filed.occurredAt(), filed.acknowledgeBy(),
                version(filed.standardVersions(), ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT));
    }

    @EventHandler
    void on(ComplaintAcknowledged acknowledged, EventMessage<?> message) {
        moment(acknowledged, message);
        tables.complaintAcknowledged(acknowledged.complaintId().value(), acknowledged.occurredAt());
        tables.clockStopped(acknowledged.customerId().value(), ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                acknowledged.complaintId().toString(), acknowledged.occurredAt());
    }

    @EventHandler
    void on(ComplaintResolved resolved, EventMessage<?> message) {
        moment(resolved, message);
        UUID customer = resolved.customerId().value();
        tables.complaintResolved(resolved.complaintId().value(), resolved.occurredAt());
        tables.clockStopped(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                resolved.complaintId().toString(), resolved.occurredAt());
        tables.clockStopped(customer, ServiceStandard.PROMISED_SOLUTION.name(),
                resolved.complaintId().toString(), resolved.occurredAt());
    }

    @EventHandler
    void on(ComplaintReopened reopened, EventMessage<?> message) {
        moment(reopened, message);
        tables.complaintReopened(reopened.complaintId().value());
    }

    @EventHandler
    void on(SolutionAgreed agreed, EventMessage<?> message) {
        moment(agreed, message);
        if (agreed.promisedBy() != null) {
            tables.clockStarted(agreed.customerId().value(), pseudonym(agreed), ServiceStandard.PROMISED_SOLUTION.name(),
                    agreed.complaintId().toString(), agreed.occurredAt(), agreed.promisedBy(), null);
        }
    }

    @EventHandler
    void on(FollowUpScheduled followUp, EventMessage<?> message) {
        moment(followUp, message);
        tables.clockStarted(followUp.customerId().value(), pseudonym(followUp), ServiceStandard.FOLLOW_UP.name(),
                followUp.followUpId().toString(), followUp.occurredAt(), followUp.dueAt(), null);
    }

    @EventHandler
    void on(FollowUpCompleted completed, EventMessage<?> message) {
        moment(completed, message);
        tables.clockStopped(completed.customerId().value(), ServiceStandard.FOLLOW_UP.name(),
                completed.followUpId().toString(), completed.occurredAt());
    }

    @EventHandler
    void on(ServiceStandardBreached breach, EventMessage<?> message) {
        moment(breach, message);
        tables.clockBreached(breach.customerId().value(), pseudonym(breach), breach.standard().name(),
                breach.subject(), breach.startedAt(), breach.dueAt());
    }

    @EventHandler
    void on(AccountLost lost, EventMessage<?> message) {
        moment(lost, message);
        UUID customer = lost.customerId().value();
        tables.lost(customer, true);
        tables.loss(customer, pseudonym(lost), lost.occurredAt(), lost.reason().name());
    }

    @EventHandler
    void on(AccountReactivated reactivated, EventMessage<?> message) {
        moment(reactivated, message);
        tables.lost(reactivated.customerId().value(), false);
    }

    /** The lost-account survey's answer is the reason the customer states for their latest loss. */
    @EventHandler
    void on(SatisfactionMeasured survey, EventMessage<?> message) {
        moment(survey, message);
        if (survey.kind() == SurveyKind.LOST_ACCOUNT && survey.statedReason() != null) {
            tables.reasonStated(survey.customerId().value(), survey.statedReason().name());
        }
        if (survey.kind() != SurveyKind.LOST_ACCOUNT && survey.score() != null) {
            tables.survey(message.getIdentifier(), survey.customerId().value(), pseudonym(survey), survey.kind().name(),
                    survey.kind().scaled(survey.score()), survey.occurredAt());
        }
    }

    private void moment(CustomerEvent event, EventMessage<?> message) {
        Moment.of(event).filter(moment -> moment.valence() != null).ifPresent(moment -> tables.moment(
                message.getIdentifier(), event.occurredAt(), moment.kind().name(),
                moment.channel() == null ? null : moment.channel().name(),
                moment.stage() == null ? null : moment.stage().name(), moment.valence().name()));
    }

    private String pseudonym(CustomerEvent event) {
        return pseudonyms.of(event.customerId().value()).value();
    }

    @QueryHandler
    Counts handle(CountComplaints query) {
        return new Counts(query.by(), settings.minGroupSize(), tables.complaints(query.by(), settings.minGroupSize()));
    }

    @QueryHandler
    HandlingFigures handle(FindComplaintHandling query) {
        List<Handling> overall = tables.handling(false, settings.minGroupSize());
        return new HandlingFigures(settings.minGroupSize(),
                overall.isEmpty() ? new Handling("ALL", 0L, null, null, null, null, false) : overall.get(0),
                tables.handling(true, settings.minGroupSize()));
    }

    @QueryHandler
    VersionComplianceFigures handle(FindComplianceByStandardVersion query) {
        return new VersionComplianceFigures(settings.minGroupSize(),
                tables.complianceByVersion(clock.instant(), settings.minGroupSize()));
    }

    @QueryHandler
    ComplianceFigures handle(FindServiceStandardCompliance query) {
        return new ComplianceFigures(query.by(), settings.minGroupSize(),
                tables.compliance(clock.instant(), "month".equals(query.by()), settings.minGroupSize()));
    }

    @QueryHandler
    Ratios handle(RatePositiveMoments query) {
        return new Ratios(query.by(), settings.minGroupSize(), tables.moments(query.by(), settings.minGroupSize()));
    }

    @QueryHandler
    Reasons handle(CompareLossReasons query) {
        Map<String, AnalyticsTables.LossReasonCount> counted = tables.lossReasons().stream()
                .collect(Collectors.toMap(AnalyticsTables.LossReasonCount::reason, count -> count));
        long recorded = counted.values().stream().mapToLong(AnalyticsTables.LossReasonCount::recorded).sum();
        long stated = counted.values().stream().mapToLong(AnalyticsTables.LossReasonCount::stated).sum();
        // What the histories reveal is the lost-account view's to say: asked of it, in this thread.
        RevealedReasonCounts revealing = queries.query(new CountRevealedReasons(),
                ResponseTypes.instanceOf(RevealedReasonCounts.class)).join();
        List<Reason> reasons = new ArrayList<>();
        for (LossReason reason : LossReason.values()) {
            AnalyticsTables.LossReasonCount count = counted.getOrDefault(reason.name(),
                    new AnalyticsTables.LossReasonCount(reason.name(), 0, 0));
            long r = count.recorded();
            long s = count.stated();
            Long v = RevealedReasonCounts.revealable(reason) ? revealing.revealing().getOrDefault(reason, 0L) : null;
            boolean small = small(r) || small(s) || v != null && small(v);
            reasons.add(small ? new Reason(reason.name(), reason.referencePercent(), null, null, null, null, null, null,
                    true)
                    : new Reason(reason.name(), reason.referencePercent(), r, percent(r, recorded), s, percent(s, stated),
                    v, v == null ? null : percent(v, revealing.losses()), false));
        }
        return new Reasons(settings.minGroupSize(), recorded, reasons);
    }

    /** A group that would single a customer out: more than none, fewer than the minimum. */
    private boolean small(long count) {
        return count > 0 && count < settings.minGroupSize();
    }

    @QueryHandler
    RecoveryFigures handle(MeasureRecovery query) {
        int min = settings.minGroupSize();
        Map<String, Retention> retention = tables.retention(settings.quickResolution(), min).stream()
                .collect(Collectors.toMap(Retention::group, group -> group));
        return new RecoveryFigures(query.by(), min, settings.quickResolution().toString(),
                tables.recovery(query.by(), min), RecoveryReferences.measured(retention));
    }

    @QueryHandler
    ConversationFigures handle(JudgeConversations query) {
        return new ConversationFigures(query.by(), settings.minGroupSize(),
                tables.conversations(query.by(), settings.minGroupSize()));
    }

    @QueryHandler
    PhraseFigures handle(CountPhrasesToAvoid query) {
        List<Phrase> phrases = java.util.Arrays.stream(io.cxengine.journey.customer.PhraseToAvoid.values())
                .map(phrase -> new Phrase(phrase.name(), phrase.phrase(), phrase.instead())).toList();
        return new PhraseFigures(settings.minGroupSize(), phrases, tables.phrasesToAvoid(settings.minGroupSize()));
    }

    @QueryHandler
    Iceberg handle(EstimateIceberg query) {
        List<String> periods = new ArrayList<>();
        List<IcebergCounted> counted = tables.icebergCounts(query.by(), settings.minGroupSize(), periods);
        List<IcebergPeriod> figures = new ArrayList<>();
        for (int i = 0; i < counted.size(); i++) {
            figures.add(new IcebergPeriod(periods.get(i), counted.get(i), IcebergRatios.estimate(counted.get(i))));
        }
        return new Iceberg(query.by(), settings.minGroupSize(), ICEBERG_NOTE, IcebergRatios.RATIOS, figures);
    }

    static final String ICEBERG_NOTE = "counted: recorded facts; estimated: the counted figures times the seeds' "
            + "reference ratios, not measured by the engine";

    @QueryHandler
    ConsentBreachFigures handle(CountConsentBreaches query) {
        return new ConsentBreachFigures(query.by(), settings.minGroupSize(),
                tables.consentBreaches(query.by(), settings.minGroupSize()));
    }

    @QueryHandler
    RetentionFigures handle(FindRetention query) {
        return new RetentionFigures(settings.minGroupSize(), settings.quickResolution().toString(),
                tables.retention(settings.quickResolution(), settings.minGroupSize()));
    }

    private static java.math.BigDecimal percent(long part, long whole) {
        java.math.BigDecimal ratio = AnalyticsTables.ratio(part, whole);
        return ratio == null ? null : ratio.movePointRight(2);
    }

    @Override
    public List<String> tables() {
        return AnalyticsTables.TABLES;
    }
}
