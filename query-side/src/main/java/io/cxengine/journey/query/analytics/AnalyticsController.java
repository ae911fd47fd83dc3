package io.cxengine.journey.query.analytics;

import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.query.analytics.AnalyticsQueries.*;
import io.cxengine.journey.query.analytics.AnalyticsViews.*;
import io.cxengine.journey.query.http.InvalidReadRequest;
import io.cxengine.journey.query.http.ViewReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;

/** Figures for analysts; groups smaller than the minimum group size are suppressed. Definitions: docs/analyst-guide.md. */
@Allowed(Scope.ANALYZE)
@RestController
@RequestMapping(path = "/analytics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Analytics", description = "Complaints, service standards, moments, lost accounts and retention")
class AnalyticsController {

    private final QueryGateway queries;
    private final ViewReads views;

    AnalyticsController(QueryGateway queries, ViewReads views) {
        this.queries = queries;
        this.views = views;
    }

    @Operation(summary = "Complaints by category, channel or month")
    @GetMapping("/complaints")
    Counts complaints(@RequestParam(defaultValue = "category") String by) {
        return ask(new CountComplaints(choice("by", by, Set.of("category", "channel", "month"))), Counts.class);
    }

    @Operation(summary = "Time to acknowledge and to resolve complaints (hours, p50 and p90)")
    @GetMapping("/complaint-handling")
    HandlingFigures handling() {
        return ask(new FindComplaintHandling(), HandlingFigures.class);
    }

    @Operation(summary = "Service-standard compliance per standard, or per standard and month", description = """
            Over the clocks whose due time has passed: decided, breached, missed and compliance per standard; with \
            `by=month`, per standard and the month (UTC) each clock was due, so that compliance can be followed over \
            time.""")
    @GetMapping("/service-standards")
    ComplianceFigures serviceStandards(@RequestParam(defaultValue = "standard") String by) {
        return ask(new FindServiceStandardCompliance(choice("by", by, Set.of("standard", "month"))),
                ComplianceFigures.class);
    }

    @Operation(summary = "Service-standard compliance per version of each standard", description = """
            Per standard with a limit of its own and per version of it in the service standards book (`GET \
            /service-standards`): the version (its limit, from when, why and who recorded it) and the clocks decided \
            under it, breached, missed and compliance, as `/analytics/service-standards` counts them. A clock counts \
            under the version in force when it started, which the fact that started it names; clocks started before \
            the book have no version (`version` null). A standard's versions add up to its total, so a small version \
            is suppressed together with the next smallest.""")
    @GetMapping("/service-standards/versions")
    VersionComplianceFigures serviceStandardVersions() {
        return ask(new FindComplianceByStandardVersion(), VersionComplianceFigures.class);
    }

    @Operation(summary = "Positive-moment ratio per channel or per interaction-cycle stage")
    @GetMapping("/moments")
    Ratios moments(@RequestParam(defaultValue = "channel") String by) {
        return ask(new RatePositiveMoments(choice("by", by, Set.of("channel", "stage"))), Ratios.class);
    }

    @Operation(summary = "Lost-account reasons, recorded and stated, against the reference distribution")
    @GetMapping("/lost-account-reasons")
    Reasons lossReasons() {
        return ask(new CompareLossReasons(), Reasons.class);
    }

    @Operation(summary = "Retention of customers by how their complaints were handled")
    @GetMapping("/retention")
    RetentionFigures retention() {
        return ask(new FindRetention(), RetentionFigures.class);
    }

    @Operation(summary = "Recovery measured: resolved complaints against satisfaction and staying", description = """
            For every resolved complaint: the customer's satisfaction after the resolution (their first survey answer \
            after it) against their own baseline (the mean of their answers before the complaint), and whether they \
            stayed (no loss recorded after the resolution); per category, channel of the complaint's touchpoint, or \
            time to resolve (`resolution`: within 1, 3 or 7 days, or longer). Scores are scaled to 0..1 (CSAT 1-5, NPS \
            0-10). `reference` sets the measured shares beside the seeds' (70% of complainants stay when resolved, 95% \
            when resolved quickly, 8% more loyal than those who never complained), per customer as `/retention` \
            groups them.""")
    @GetMapping("/recovery")
    RecoveryFigures recovery(@RequestParam(defaultValue = "category") String by) {
        return ask(new MeasureRecovery(choice("by", by, Set.of("category", "channel", "resolution"))),
                RecoveryFigures.class);
    }

    @Operation(summary = "Conversations judged by the interaction cycle", description = """
            Conversations are a customer's touchpoints that name one `conversationId`. Per group (the agent of the \
            conversation's first contact with one, the channel of its first contact, or the category of a complaint \
            filed about one of its contacts, `NONE` when none): conversations; per interaction-cycle stage (greeting, \
            understanding, agreeing, delivering, closing), how many reached it and how many skipped it (reached a later \
            stage without it); how many reached closing and their share; the share that ended on a positive and on a \
            negative contact. A group of fewer customers than the minimum group size is suppressed.""")
    @GetMapping("/conversations")
    ConversationFigures conversations(@RequestParam(defaultValue = "agent") String by) {
        return ask(new JudgeConversations(choice("by", by, Set.of("agent", "channel", "category"))),
                ConversationFigures.class);
    }

    @Operation(summary = "Agents' notes against the phrases to avoid", description = """
            Per agent: notes checked (touchpoints recorded with a note since notes are checked), notes that used any \
            of the seeds' phrases to avoid, their share, and the uses of each phrase; the phrases are listed with what \
            to say instead. Only the counts are kept: the notes themselves stay sealed. An agent whose notes are about \
            fewer customers than the minimum group size is suppressed.""")
    @GetMapping("/phrases-to-avoid")
    PhraseFigures phrasesToAvoid() {
        return ask(new CountPhrasesToAvoid(), PhraseFigures.class);
    }

    @Operation(summary = "The iceberg: what the company does not hear, estimated per month or year", description = """
            Per month or year (UTC), what was **counted** (complaints filed, the customers who filed them, positive \
            survey answers) and, apart from it, what the seeds' reference ratios **estimate** from it: customers with \
            the same concerns who never complained (26 per complaint), unhappy customers (complainants are the 4% who \
            speak), and the people unhappy and happy customers tell (8 to 16, and 4 to 5). The ratios are listed with \
            the answer. A count below the minimum group size is null, and so is every estimate made from it.""")
    @GetMapping("/iceberg")
    Iceberg iceberg(@RequestParam(defaultValue = "month") String by) {
        return ask(new EstimateIceberg(choice("by", by, Set.of("month", "year"))), Iceberg.class);
    }

    @Operation(summary = "Consent breaches by channel or month", description = """
            Outbound contacts and win-back offers over a channel the customer had not consented to, or had withdrawn \
            from (the engine records `ConsentBreached` with the contact): breaches and the customers they reached, per \
            channel or per month (UTC) they happened. A group that reached fewer customers than the minimum group size \
            is suppressed.""")
    @GetMapping("/consent-breaches")
    ConsentBreachFigures consentBreaches(@RequestParam(defaultValue = "channel") String by) {
        return ask(new CountConsentBreaches(choice("by", by, Set.of("channel", "month"))), ConsentBreachFigures.class);
    }

    /** Asked of the analytics projection, which answers in this thread: from the replica where there is one. */
    private <R> R ask(Object query, Class<R> view) {
        return views.read(() -> queries.query(query, ResponseTypes.instanceOf(view)).join());
    }

    private static String choice(String parameter, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new InvalidReadRequest(parameter, "must be one of " + allowed);
        }
        return value;
    }
}
