package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.platform.SqlTime;
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

    @EventHandler
    void on(CustomerEvent event) {
        CustomerId customer = event.customerId();
        if (event instanceof SatisfactionMeasured survey && survey.kind() == SurveyKind.LOST_ACCOUNT
                && survey.statedReason() != null) {
            table.latestLoss(customer, "stated_reason = :stated", "stated", survey.statedReason().name());
        } else if (event instanceof WinBackAttempted) {
            table.latestLoss(customer, "win_back_attempts = win_back_attempts + :one", "one", 1);
        } else if (event instanceof AccountReactivated reactivated) {
            table.latestLoss(customer, "reactivated_at = :at, won_back = win_back_attempts > 0", "at",
                    SqlTime.utc(reactivated.occurredAt()));
        }
        if (event instanceof CustomerRegistered) {
            return; // Nothing to remember yet.
        }
        if (event instanceof PersonalDataErased) {
            table.erased(customer);
            JourneyHistory forgotten = table.history(customer);
            forgotten.lastMoments.replaceAll(moment -> new JourneyHistory.LastMoment(moment.occurredAt(), moment.kind(),
                    moment.valence(), null));
            table.save(customer, forgotten);
            return;
        }
        JourneyHistory history = table.history(customer);
        Moment.of(event).ifPresent(moment -> history.moment(moment, event.occurredAt()));
        if (event instanceof ComplaintFiled filed) {
            history.openComplaints.add(filed.complaintId().toString());
        } else if (event instanceof ComplaintReopened reopened) {
            history.openComplaints.add(reopened.complaintId().toString());
        } else if (event instanceof ComplaintResolved resolved) {
            history.openComplaints.remove(resolved.complaintId().toString());
        } else if (event instanceof ServiceStandardBreached) {
            history.breaches++;
        } else if (event instanceof PurchaseRecorded purchase) {
            history.purchase(purchase.amount().amount(), purchase.occurredAt());
        } else if (event instanceof AccountLost lost) {
            lost(lost, history);
        }
        table.save(customer, history);
    }

    private void lost(AccountLost lost, JourneyHistory history) {
        BigDecimal annual = CustomerValue.annualRevenue(history.revenue, history.firstPurchaseAt, history.lastPurchaseAt);
        table.lost(lost.customerId(), lost.occurredAt(), lost.reason().name(), lost.detail(), annual,
                CustomerValue.lifetimeValue(annual, settings.interestRate(), settings.periods()),
                history.revealedAt(lost.occurredAt()), List.copyOf(history.lastMoments),
                JourneyHistory.daysBetween(history.lastPositiveAt, lost.occurredAt()),
                JourneyHistory.daysBetween(history.lastContactAt, lost.occurredAt()));
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
