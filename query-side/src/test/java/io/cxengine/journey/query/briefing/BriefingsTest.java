package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.value.CustomerValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BriefingsTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static BriefingState complaint(String category, String severity, String state) {
        BriefingState.OpenComplaint complaint = new BriefingState.OpenComplaint("c-1", category, severity, "FILED",
                NOW.minus(Duration.ofDays(2)), null, null, null);
        BriefingState open = BriefingState.NONE.complaintOpen(complaint);
        return "PROPOSED".equals(state)
                ? open.complaint("c-1", c -> c.proposed("PROPOSED", "a refund of the fee", null)) : open;
    }

    static BriefingState moments(String... valences) {
        BriefingState state = BriefingState.NONE;
        for (int i = 0; i < valences.length; i++) {
            state = state.moment(new BriefingState.LastMoment(NOW.minus(Duration.ofDays(10 - i)), "TOUCHPOINT",
                    "PHONE", valences[i], "contact " + i));
        }
        return state;
    }

    @Test
    @DisplayName("an open high-severity complaint points to the very angry customer")
    void angryFromSevereComplaint() {
        BriefingView.Scenario scenario = Briefings.scenario(complaint("DELIVERY_DELAY", "HIGH", "FILED"), NOW);
        assertThat(scenario.scenario()).isEqualTo("VERY_ANGRY");
        assertThat(scenario.signs()).containsExactly("open high-severity complaint about delivery delay");
    }

    @Test
    @DisplayName("two negative moments among the last three point to the very angry customer")
    void angryFromNegativeMoments() {
        BriefingView.Scenario scenario = Briefings.scenario(moments("NEGATIVE", "POSITIVE", "NEGATIVE"), NOW);
        assertThat(scenario.scenario()).isEqualTo("VERY_ANGRY");
        assertThat(scenario.signs()).containsExactly("2 of the last 3 moments were negative");
    }

    @Test
    @DisplayName("one negative moment alone is no scenario")
    void oneNegativeMoment() {
        assertThat(Briefings.scenario(moments("POSITIVE", "NEGATIVE", "NEUTRAL"), NOW).scenario()).isEqualTo("NONE");
    }

    @Test
    @DisplayName("an open complaint about our own mistake asks for an apology and a fix")
    void ourMistake() {
        BriefingView.Scenario scenario = Briefings.scenario(complaint("BILLING_MISTAKE", "MEDIUM", "FILED"), NOW);
        assertThat(scenario.scenario()).isEqualTo("YOU_MADE_A_MISTAKE");
        assertThat(scenario.signs()).containsExactly("open complaint: billing mistake");
    }

    @Test
    @DisplayName("a long wait at the last inbound contact points to the impatient customer")
    void impatientAfterAWait() {
        BriefingView.Scenario scenario = Briefings.scenario(BriefingState.NONE.inbound("PHONE", 360), NOW);
        assertThat(scenario.scenario()).isEqualTo("IMPATIENT");
        assertThat(scenario.signs()).containsExactly("waited 6 minutes at the last contact");
    }

    @Test
    @DisplayName("a wait just under five minutes is not a long one")
    void shortWait() {
        assertThat(Briefings.scenario(BriefingState.NONE.inbound("PHONE", Briefings.LONG_WAIT_SECONDS - 1), NOW)
                .scenario()).isEqualTo("NONE");
    }

    @Test
    @DisplayName("a standard breached in the last thirty days points to the impatient customer")
    void impatientAfterARecentBreach() {
        BriefingState state = BriefingState.NONE.breached(NOW.minus(Duration.ofDays(29)), "FOLLOW_UP");
        BriefingView.Scenario scenario = Briefings.scenario(state, NOW);
        assertThat(scenario.scenario()).isEqualTo("IMPATIENT");
        assertThat(scenario.signs()).containsExactly("a promise was broken recently: follow up");
    }

    @Test
    @DisplayName("a breach older than thirty days is no longer recent")
    void oldBreach() {
        BriefingState state = BriefingState.NONE.breached(NOW.minus(Duration.ofDays(31)), "FOLLOW_UP");
        assertThat(Briefings.scenario(state, NOW).scenario()).isEqualTo("NONE");
    }

    @Test
    @DisplayName("a solution proposed but not agreed points to the indecisive customer")
    void indecisive() {
        BriefingView.Scenario scenario = Briefings.scenario(complaint("DELIVERY_DELAY", "LOW", "PROPOSED"), NOW);
        assertThat(scenario.scenario()).isEqualTo("INDECISIVE");
        assertThat(scenario.signs()).containsExactly("a solution is proposed but not agreed: a refund of the fee");
    }

    @Test
    @DisplayName("an open complaint about something unclear points to the vague customer")
    void vague() {
        BriefingView.Scenario scenario = Briefings.scenario(complaint("CONFUSING_PRODUCT", "LOW", "FILED"), NOW);
        assertThat(scenario.scenario()).isEqualTo("VAGUE");
        assertThat(scenario.signs()).containsExactly("open complaint: confusing product");
    }

    @Test
    @DisplayName("an angry signal outranks every other scenario")
    void angerFirst() {
        BriefingState state = complaint("BILLING_MISTAKE", "HIGH", "FILED").inbound("PHONE", 900);
        assertThat(Briefings.scenario(state, NOW).scenario()).isEqualTo("VERY_ANGRY");
    }

    @Test
    @DisplayName("without signals: greet by name and start with the customer")
    void none() {
        BriefingView.Scenario scenario = Briefings.scenario(BriefingState.NONE, NOW);
        assertThat(scenario.scenario()).isEqualTo("NONE");
        assertThat(scenario.signs()).isEmpty();
    }

    @Test
    @DisplayName("the most valuable customers are routed first, whatever else is open")
    void routingMostValuable() {
        BriefingView.Routing routing = Briefings.routing(complaint("BILLING_MISTAKE", "HIGH", "FILED"),
                CustomerValue.Tier.MOST_VALUABLE);
        assertThat(routing.priority()).isEqualTo(1);
    }

    @Test
    @DisplayName("an open complaint routes to someone who can resolve it")
    void routingComplaint() {
        BriefingView.Routing routing = Briefings.routing(complaint("BILLING_MISTAKE", "LOW", "FILED"),
                CustomerValue.Tier.STANDARD);
        assertThat(routing.priority()).isEqualTo(2);
        assertThat(routing.reason()).startsWith("Open complaint");
    }

    @Test
    @DisplayName("a lost customer is a chance to win them back")
    void routingLost() {
        BriefingView.Routing routing = Briefings.routing(BriefingState.NONE.lost(true), CustomerValue.Tier.STANDARD);
        assertThat(routing.priority()).isEqualTo(2);
        assertThat(routing.reason()).startsWith("Lost account");
    }

    @Test
    @DisplayName("everyone else is standard")
    void routingStandard() {
        assertThat(Briefings.routing(BriefingState.NONE, CustomerValue.Tier.STANDARD).priority()).isEqualTo(3);
    }

    @Test
    @DisplayName("greeted by the first name, and not at all without a name")
    void greetingName() {
        assertThat(Briefings.greetingName("  Ada   King Lovelace ")).isEqualTo("Ada");
        assertThat(Briefings.greetingName(" ")).isNull();
        assertThat(Briefings.greetingName(null)).isNull();
    }
}
