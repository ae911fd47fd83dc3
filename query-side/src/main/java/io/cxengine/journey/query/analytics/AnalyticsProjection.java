package io.cxengine.journey.query.analytics;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.query.analytics.AnalyticsQueries.*;
import io.cxengine.journey.query.analytics.AnalyticsViews.*;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.moment.Moment;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

    AnalyticsProjection(AnalyticsTables tables, AnalyticsSettings settings, Clock clock, Pseudonyms pseudonyms) {
        this.tables = tables;
        this.settings = settings;
        this.clock = clock;
        this.pseudonyms = pseudonyms;
    }

    @EventHandler
    void on(CustomerEvent event, EventMessage<?> message) {
        UUID customer = event.customerId().value();
        String pseudonym = pseudonyms.of(customer).value();
        Moment.of(event).filter(moment -> moment.valence() != null).ifPresent(moment -> tables.moment(
                message.getIdentifier(), event.occurredAt(), moment.kind().name(),
                moment.channel() == null ? null : moment.channel().name(),
                moment.stage() == null ? null : moment.stage().name(), moment.valence().name()));
        if (event instanceof CustomerRegistered) {
            tables.customer(customer, pseudonym);
        } else if (event instanceof TouchpointRecorded touchpoint) {
            tables.touchpoint(touchpoint.touchpointId().value(), touchpoint.channel().name());
            if (touchpoint.stopsClocks() != null) {
                tables.clocksAnswered(customer, touchpoint.stopsClocks().name(), touchpoint.occurredAt());
            }
            if (touchpoint.startsClock() != null) {
                tables.clockStarted(customer, pseudonym, touchpoint.startsClock().name(),
                        touchpoint.touchpointId().toString(), touchpoint.occurredAt(), touchpoint.replyDueBy());
            }
        } else if (event instanceof ComplaintFiled filed) {
            tables.complaintFiled(filed.complaintId().value(), customer, pseudonym, filed.category().name(),
                    filed.severity().name(), filed.touchpointId() == null ? null : filed.touchpointId().value(),
                    filed.occurredAt());
            tables.clockStarted(customer, pseudonym, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                    filed.complaintId().toString(), filed.occurredAt(), filed.acknowledgeBy());
        } else if (event instanceof ComplaintAcknowledged acknowledged) {
            tables.complaint(acknowledged.complaintId().value(),
                    "acknowledged_at = COALESCE(acknowledged_at, :at)", acknowledged.occurredAt());
            tables.clockStopped(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                    acknowledged.complaintId().toString(), acknowledged.occurredAt());
        } else if (event instanceof ComplaintResolved resolved) {
            tables.complaint(resolved.complaintId().value(),
                    "resolved_at = COALESCE(resolved_at, :at), open = FALSE", resolved.occurredAt());
            tables.clockStopped(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT.name(),
                    resolved.complaintId().toString(), resolved.occurredAt());
            tables.clockStopped(customer, ServiceStandard.PROMISED_SOLUTION.name(),
                    resolved.complaintId().toString(), resolved.occurredAt());
        } else if (event instanceof ComplaintReopened reopened) {
            tables.complaint(reopened.complaintId().value(),
                    "reopened = reopened + 1, open = TRUE",
                    reopened.occurredAt());
        } else if (event instanceof SolutionAgreed agreed && agreed.promisedBy() != null) {
            tables.clockStarted(customer, pseudonym, ServiceStandard.PROMISED_SOLUTION.name(), agreed.complaintId().toString(),
                    agreed.occurredAt(), agreed.promisedBy());
        } else if (event instanceof FollowUpScheduled followUp) {
            tables.clockStarted(customer, pseudonym, ServiceStandard.FOLLOW_UP.name(), followUp.followUpId().toString(),
                    followUp.occurredAt(), followUp.dueAt());
        } else if (event instanceof FollowUpCompleted completed) {
            tables.clockStopped(customer, ServiceStandard.FOLLOW_UP.name(), completed.followUpId().toString(),
                    completed.occurredAt());
        } else if (event instanceof ServiceStandardBreached breach) {
            tables.clockBreached(customer, pseudonym, breach.standard().name(), breach.subject(), breach.startedAt(),
                    breach.dueAt());
        } else if (event instanceof AccountLost lost) {
            tables.lost(customer, true);
            tables.loss(customer, pseudonym, lost.occurredAt(), lost.reason().name());
        } else if (event instanceof AccountReactivated) {
            tables.lost(customer, false);
        } else if (event instanceof SatisfactionMeasured survey && survey.kind() == SurveyKind.LOST_ACCOUNT
                && survey.statedReason() != null) {
            tables.statedReason(customer, survey.statedReason().name());
        }
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
    ComplianceFigures handle(FindServiceStandardCompliance query) {
        return new ComplianceFigures(settings.minGroupSize(), tables.compliance(clock.instant(), settings.minGroupSize()));
    }

    @QueryHandler
    Ratios handle(RatePositiveMoments query) {
        return new Ratios(query.by(), settings.minGroupSize(), tables.moments(query.by(), settings.minGroupSize()));
    }

    @QueryHandler
    Reasons handle(CompareLossReasons query) {
        Map<String, Object[]> counted = tables.lossReasons().stream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> row));
        long recorded = counted.values().stream().mapToLong(row -> (Long) row[1]).sum();
        long stated = counted.values().stream().mapToLong(row -> (Long) row[2]).sum();
        List<Reason> reasons = new ArrayList<>();
        for (LossReason reason : LossReason.values()) {
            Object[] row = counted.getOrDefault(reason.name(), new Object[]{reason.name(), 0L, 0L});
            long r = (Long) row[1];
            long s = (Long) row[2];
            boolean small = (r > 0 && r < settings.minGroupSize()) || (s > 0 && s < settings.minGroupSize());
            reasons.add(small ? new Reason(reason.name(), reason.referencePercent(), null, null, null, null, true)
                    : new Reason(reason.name(), reason.referencePercent(), r, percent(r, recorded), s, percent(s, stated),
                    false));
        }
        return new Reasons(settings.minGroupSize(), recorded, reasons);
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
