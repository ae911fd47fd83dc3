package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.query.operations.ReadModel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.moment.Moment;
import io.cxengine.journey.query.value.CustomerValue;
import io.cxengine.journey.query.value.ValueSettings;
import io.cxengine.journey.query.http.PageCursor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;

/** Keeps {@code read_model.lost_account}: every loss, with what the history before it reveals, and its aftermath. */
@Component
@ProcessingGroup(LostAccountProjection.PROCESSING_GROUP)
class LostAccountProjection implements ReadModel {

    static final String PROCESSING_GROUP = "lost-account";

    private final LostAccountTable table;
    private final ValueSettings settings;
    private final Pseudonyms pseudonyms;

    LostAccountProjection(LostAccountTable table, ValueSettings settings, Pseudonyms pseudonyms) {
        this.table = table;
        this.settings = settings;
        this.pseudonyms = pseudonyms;
    }

    /** Any other fact: remembered as a moment of the customer's history, if it is one. */
    @EventHandler
    void on(CustomerEvent event) {
        remember(event, UnaryOperator.identity());
    }

    @EventHandler
    void on(CustomerRegistered registered) {
        // Nothing to remember yet.
    }

    @EventHandler
    void on(ComplaintFiled filed) {
        remember(filed, history -> history.complaintOpen(filed.complaintId().toString()));
    }

    @EventHandler
    void on(ComplaintReopened reopened) {
        remember(reopened, history -> history.complaintOpen(reopened.complaintId().toString()));
    }

    @EventHandler
    void on(ComplaintResolved resolved) {
        remember(resolved, history -> history.complaintResolved(resolved.complaintId().toString()));
    }

    @EventHandler
    void on(ServiceStandardBreached breach) {
        remember(breach, JourneyHistory::breached);
    }

    @EventHandler
    void on(PurchaseRecorded purchase) {
        remember(purchase, history -> history.purchase(purchase.amount().amount(), purchase.occurredAt()));
    }

    @EventHandler
    void on(AccountLost lost) {
        remember(lost, history -> {
            BigDecimal annual = CustomerValue.annualRevenue(history.revenue(), history.firstPurchaseAt(),
                    history.lastPurchaseAt());
            table.lost(lost.customerId(), lost.occurredAt(), lost.reason().name(), lost.detail(), annual,
                    CustomerValue.lifetimeValue(annual, settings.interestRate(), settings.periods()),
                    history.revealedAt(lost.occurredAt()), history.lastMoments(),
                    JourneyHistory.daysBetween(history.lastPositiveAt(), lost.occurredAt()),
                    JourneyHistory.daysBetween(history.lastContactAt(), lost.occurredAt()));
            return history;
        });
    }

    /** The lost-account survey's answer is the reason the customer states for their latest loss. */
    @EventHandler
    void on(SatisfactionMeasured survey) {
        if (survey.kind() == SurveyKind.LOST_ACCOUNT && survey.statedReason() != null) {
            table.reasonStated(survey.customerId(), survey.statedReason().name());
        }
        remember(survey, UnaryOperator.identity());
    }

    @EventHandler
    void on(WinBackAttempted attempt) {
        table.winBackAttempted(attempt.customerId());
        remember(attempt, UnaryOperator.identity());
    }

    @EventHandler
    void on(AccountReactivated reactivated) {
        table.reactivated(reactivated.customerId(), reactivated.occurredAt());
        remember(reactivated, UnaryOperator.identity());
    }

    @EventHandler
    void on(PersonalDataErased erased) {
        CustomerId customer = erased.customerId();
        table.erased(customer);
        table.save(customer, table.history(customer).erased());
    }

    /** The customer's history after the event as a moment of truth (if it is one), then after its own fact. */
    private void remember(CustomerEvent event, UnaryOperator<JourneyHistory> fact) {
        JourneyHistory history = table.history(event.customerId());
        JourneyHistory seen = Moment.of(event).map(moment -> history.moment(moment, event.occurredAt()))
                .orElse(history);
        table.save(event.customerId(), fact.apply(seen));
    }

    @QueryHandler
    RevealedReasonCounts handle(CountRevealedReasons query) {
        return table.revealing();
    }

    @QueryHandler
    LostAccountPage handle(ListLostAccounts query) {
        List<LostAccountRow> rows = table.page(query, query.afterCustomer() == null ? null
                : pseudonyms.customerOf(query.afterCustomer()).value());
        List<LostAccountView> page = rows.stream().limit(query.limit()).map(row -> row.pseudonymised(pseudonyms))
                .toList();
        if (rows.size() <= query.limit()) {
            return new LostAccountPage(page, null);
        }
        LostAccountView last = page.get(page.size() - 1);
        return new LostAccountPage(page, new PageCursor(last.lostAt(), last.pseudonym()).encode());
    }

    @Override
    public List<String> tables() {
        return LostAccountTable.TABLES;
    }
}
