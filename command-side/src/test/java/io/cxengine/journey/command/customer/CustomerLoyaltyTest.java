package io.cxengine.journey.command.customer;

import io.cxengine.journey.command.customer.CustomerCommand.AttemptWinBack;
import io.cxengine.journey.command.customer.CustomerCommand.LoseAccount;
import io.cxengine.journey.command.customer.CustomerCommand.MeasureSatisfaction;
import io.cxengine.journey.command.customer.CustomerCommand.ReactivateAccount;
import io.cxengine.journey.command.customer.CustomerCommand.RecordPurchase;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.AccountLost;
import io.cxengine.journey.customer.CustomerEvent.AccountReactivated;
import io.cxengine.journey.customer.CustomerEvent.PurchaseRecorded;
import io.cxengine.journey.customer.CustomerEvent.SatisfactionMeasured;
import io.cxengine.journey.customer.CustomerEvent.ConsentGranted;
import io.cxengine.journey.customer.CustomerEvent.WinBackAttempted;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.RiskSign;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.cxengine.journey.command.customer.CustomerFixtures.CUSTOMER;
import static io.cxengine.journey.command.customer.CustomerFixtures.atRisk;
import static io.cxengine.journey.command.customer.CustomerFixtures.NOON;
import static io.cxengine.journey.command.customer.CustomerFixtures.accountLost;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerFixture;
import static io.cxengine.journey.command.customer.CustomerFixtures.customerRegistered;

/** Satisfaction, value, loss and win-back. */
class CustomerLoyaltyTest {

    private final FixtureConfiguration<Customer> customer = customerFixture();

    @ParameterizedTest(name = "{0} score {1} is recorded (a bad score turns the customer at risk: {2})")
    @CsvSource({"CSAT, 1, true", "CSAT, 5, false", "NPS, 0, true", "NPS, 10, false"})
    void scoresInRange(SurveyKind kind, int score, boolean turns) {
        SatisfactionMeasured measured = new SatisfactionMeasured(CUSTOMER, kind, score, null, Map.of("q1", "a1"),
                "ok", NOON);
        customer.given(customerRegistered(CUSTOMER))
                .when(new MeasureSatisfaction(CUSTOMER, kind, score, null, Map.of("q1", "a1"), "ok", NOON))
                .expectEvents(turns ? new Object[]{measured, atRisk(-1, NOON, RiskSign.NEGATIVE_BALANCE)}
                        : new Object[]{measured});
    }

    @ParameterizedTest(name = "{0} score {1} is refused")
    @CsvSource({"CSAT, 0", "CSAT, 6", "NPS, -1", "NPS, 11", "LOST_ACCOUNT, 9"})
    void scoresOutOfRange(SurveyKind kind, int score) {
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON))
                .when(new MeasureSatisfaction(CUSTOMER, kind, score, null, Map.of(), null, NOON))
                .expectNoEvents()
                .expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("a CSAT or NPS survey needs a score, and states no reason for leaving")
    void surveyShape() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new MeasureSatisfaction(CUSTOMER, SurveyKind.CSAT, null, null, Map.of(), null, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new MeasureSatisfaction(CUSTOMER, SurveyKind.NPS, 9, LossReason.COMPETITOR, Map.of(), null, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("the lost-account survey is for a lost customer, and records the reason they state")
    void lostAccountSurvey() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new MeasureSatisfaction(CUSTOMER, SurveyKind.LOST_ACCOUNT, null, LossReason.COMPETITOR,
                        Map.of(), null, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON))
                .when(new MeasureSatisfaction(CUSTOMER, SurveyKind.LOST_ACCOUNT, null, LossReason.COMPETITOR,
                        Map.of("why", "cheaper elsewhere"), "They were cheaper", NOON))
                .expectEvents(new SatisfactionMeasured(CUSTOMER, SurveyKind.LOST_ACCOUNT, null, LossReason.COMPETITOR,
                        Map.of("why", "cheaper elsewhere"), "They were cheaper", NOON));
    }

    @Test
    @DisplayName("a purchase is recorded once: the same order again records nothing, with another amount it is refused")
    void purchases() {
        Money amount = Money.of("12.50", "EUR");
        customer.given(customerRegistered(CUSTOMER))
                .when(new RecordPurchase(CUSTOMER, "536365", amount, false, NOON))
                .expectEvents(new PurchaseRecorded(CUSTOMER, "536365", amount, null, null, NOON));
        customer.given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", amount, null, null, NOON))
                .when(new RecordPurchase(CUSTOMER, "536365", Money.of("12.500", "EUR"), false, NOON))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        customer.given(customerRegistered(CUSTOMER), new PurchaseRecorded(CUSTOMER, "536365", amount, null, null, NOON))
                .when(new RecordPurchase(CUSTOMER, "536365", Money.of("13.00", "EUR"), false, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("a lost customer who buys again is back: the purchase reactivates the account")
    void purchaseReactivates() {
        Money amount = Money.of("99.00", "GBP");
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON))
                .when(new RecordPurchase(CUSTOMER, "581587", amount, false, NOON.plusSeconds(86_400)))
                .expectEvents(new AccountReactivated(CUSTOMER, "PURCHASE", NOON.plusSeconds(86_400)),
                        new PurchaseRecorded(CUSTOMER, "581587", amount, null, null, NOON.plusSeconds(86_400)));
    }

    @Test
    @DisplayName("an account is lost once")
    void loss() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new LoseAccount(CUSTOMER, LossReason.COMPETITOR, "Moved to a rival", NOON))
                .expectEvents(new AccountLost(CUSTOMER, LossReason.COMPETITOR, "Moved to a rival", NOON));
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON))
                .when(new LoseAccount(CUSTOMER, LossReason.COMPETITOR, "Again", NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }

    @Test
    @DisplayName("only a lost customer can be won back or reactivated")
    void winBackAndReactivation() {
        customer.given(customerRegistered(CUSTOMER))
                .when(new AttemptWinBack(CUSTOMER, "20% off", Channel.EMAIL, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER))
                .when(new ReactivateAccount(CUSTOMER, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON), new ConsentGranted(CUSTOMER, Channel.EMAIL, NOON))
                .when(new AttemptWinBack(CUSTOMER, "20% off", Channel.EMAIL, NOON))
                .expectEvents(new WinBackAttempted(CUSTOMER, "20% off", Channel.EMAIL, NOON));
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON),
                        new WinBackAttempted(CUSTOMER, "20% off", Channel.EMAIL, NOON))
                .when(new ReactivateAccount(CUSTOMER, NOON))
                .expectEvents(new AccountReactivated(CUSTOMER, "REQUEST", NOON));
        customer.given(customerRegistered(CUSTOMER), accountLost(NOON),
                        new AccountReactivated(CUSTOMER, "REQUEST", NOON))
                .when(new ReactivateAccount(CUSTOMER, NOON))
                .expectNoEvents().expectException(JourneyRuleViolation.class);
    }
}
