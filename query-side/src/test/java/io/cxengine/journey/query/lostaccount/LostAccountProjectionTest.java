package io.cxengine.journey.query.lostaccount;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import io.cxengine.journey.query.ReadModelDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The lost-account projection's handlers on a real PostgreSQL: each fact lands in the row it is about. */
class LostAccountProjectionTest {

    static final Instant LOST_AT = Instant.parse("2026-06-01T12:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase database = new ReadModelDatabase();
    LostAccountTable table;
    LostAccountProjection projection;
    CustomerId customer;

    @BeforeEach
    void projection() {
        database.empty(LostAccountTable.TABLES);
        table = new LostAccountTable(database.jdbc(), database.writes());
        projection = new LostAccountProjection(table, ReadModelDatabase.VALUE,
                new Pseudonyms(KeyEncryptionKey.random()));
        customer = CustomerId.random();
        projection.on(new CustomerRegistered(customer, "Ada King", null, null, IdentificationMethod.CALLER_ID,
                LOST_AT.minus(Duration.ofDays(400))));
    }

    static Instant daysBefore(int days) {
        return LOST_AT.minus(Duration.ofDays(days));
    }

    void touchpoint(Valence valence, Instant at) {
        projection.on(new TouchpointRecorded(customer,
                TouchpointId.random(), Channel.PHONE, Direction.INBOUND, "a question about my bill", null, valence,
                null, null, null, null, null, false, null, null, null, null, null, null, null, at));
    }

    LostAccountRow onlyLoss() {
        assertThat(table.page(new ListLostAccounts(null, null, null, null, null, 10), null)).hasSize(1);
        return table.page(new ListLostAccounts(null, null, null, null, null, 10), null).get(0);
    }

    @Test
    @DisplayName("a loss records what the history before it reveals, the value lost and the last moments")
    void loss() {
        projection.on(new PurchaseRecorded(customer, "order-1", Money.of("1200.00", "EUR"), null, null, daysBefore(365)));
        projection.on(new PurchaseRecorded(customer, "order-2", Money.of("300.00", "EUR"), null, null, daysBefore(30)));
        projection.on(new ComplaintFiled(customer, ComplaintId.random(), ComplaintCategory.BILLING_MISTAKE, null,
                "charged twice", Severity.HIGH, null, daysBefore(20).plusSeconds(3600), null, daysBefore(20)));
        projection.on(new ServiceStandardBreached(customer, ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, "x",
                daysBefore(20), daysBefore(19), daysBefore(19)));
        touchpoint(Valence.POSITIVE, daysBefore(10));
        touchpoint(Valence.NEGATIVE, daysBefore(5));
        projection.on(new AccountLost(customer, LossReason.DISSATISFIED, "went elsewhere", LOST_AT));

        LostAccountRow loss = onlyLoss();
        assertThat(loss.reason()).isEqualTo("DISSATISFIED");
        assertThat(loss.revealedReasons()).extracting(JourneyHistory.RevealedReason::reason)
                .containsExactly("UNRESOLVED_COMPLAINTS", "SERVICE_BREACHES", "NEGATIVE_MOMENTS");
        assertThat(loss.annualRevenue()).isPositive();
        assertThat(loss.lifetimeValueLost()).isGreaterThan(loss.annualRevenue());
        assertThat(loss.lastMoments()).extracting(JourneyHistory.LastMoment::kind)
                .containsExactly("SERVICE_STANDARD_BREACHED", "TOUCHPOINT", "TOUCHPOINT");
        assertThat(loss.daysSinceLastPositiveMoment()).isEqualTo(10);
        assertThat(loss.daysSilentBeforeLoss()).isEqualTo(5);
        assertThat(loss.winBackAttempts()).isZero();

        // Three revealed reasons that all point to the reference's dissatisfaction: the loss reveals it once, and the
        // same loss handled again counts nothing more.
        projection.on(new AccountLost(customer, LossReason.DISSATISFIED, "went elsewhere", LOST_AT));
        RevealedReasonCounts counted = projection.handle(new CountRevealedReasons());
        assertThat(counted.losses()).isEqualTo(1);
        assertThat(counted.revealing()).isEqualTo(Map.of(LossReason.DISSATISFIED, 1L));
    }

    @Test
    @DisplayName("the reason stated in the lost-account survey, a win-back and a return land on the latest loss")
    void aftermath() {
        projection.on(new AccountLost(customer, LossReason.UNKNOWN, null, daysBefore(100)));
        projection.on(new AccountReactivated(customer, "came back", daysBefore(90)));
        projection.on(new AccountLost(customer, LossReason.UNKNOWN, null, LOST_AT));
        projection.on(new SatisfactionMeasured(customer, SurveyKind.LOST_ACCOUNT, null, LossReason.COMPETITOR,
                Map.of(), null, LOST_AT.plusSeconds(60)));
        projection.on(new WinBackAttempted(customer, "a discount", Channel.EMAIL, LOST_AT.plusSeconds(120)));
        projection.on(new AccountReactivated(customer, "accepted the offer", LOST_AT.plusSeconds(180)));

        var losses = table.page(new ListLostAccounts(null, null, null, null, null, 10), null);
        assertThat(losses).hasSize(2);
        LostAccountRow latest = losses.get(0);
        assertThat(latest.statedReason()).isEqualTo("COMPETITOR");
        assertThat(latest.winBackAttempts()).isEqualTo(1);
        assertThat(latest.reactivatedAt()).isEqualTo(LOST_AT.plusSeconds(180));
        assertThat(latest.wonBack()).isTrue();
        LostAccountRow earlier = losses.get(1);
        assertThat(earlier.statedReason()).isNull();
        assertThat(earlier.reactivatedAt()).isEqualTo(daysBefore(90));
        assertThat(earlier.wonBack()).as("nobody tried to win the customer back then").isFalse();
    }

    @Test
    @DisplayName("after erasure no loss detail and no words of the last moments remain, in the row or the history")
    void erased() {
        touchpoint(Valence.NEGATIVE, daysBefore(5));
        projection.on(new AccountLost(customer, LossReason.MOVED_AWAY, "moved to Leeds", LOST_AT));
        projection.on(new PersonalDataErased(customer, LOST_AT.plusSeconds(60)));

        assertThat(table.history(customer).lastMoments()).allSatisfy(moment -> assertThat(moment.summary()).isNull());
        assertThat(database.jdbc().sql("SELECT detail IS NULL FROM read_model.lost_account").query(Boolean.class)
                .single()).isTrue();
        assertThat(database.jdbc().sql("SELECT last_moments::text FROM read_model.lost_account")
                .query(String.class).single()).doesNotContain("summary").doesNotContain("bill");
    }

    @Test
    @DisplayName("a history stored by an earlier version of the engine is read and carried on")
    void storedHistory() {
        database.jdbc().sql("""
                        INSERT INTO read_model.lost_account_history (customer_id, state)
                        VALUES (:customer, CAST(:state AS JSONB))""")
                .param("customer", customer.value())
                .param("state", """
                        {"revenue": 40.00, "firstPurchaseAt": "2025-06-01T00:00:00Z", "lastPurchaseAt": "2026-01-01T00:00:00Z",
                         "openComplaints": ["c-1"], "breaches": 1, "negativeMoments": [],
                         "lastPositiveAt": null, "lastContactAt": "2026-05-30T00:00:00Z", "lastMoments": []}""")
                .update();
        projection.on(new AccountLost(customer, LossReason.UNKNOWN, null, LOST_AT));

        assertThat(onlyLoss().revealedReasons()).extracting(JourneyHistory.RevealedReason::reason)
                .containsExactly("UNRESOLVED_COMPLAINTS", "SERVICE_BREACHES");
    }
}
