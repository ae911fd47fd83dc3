package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.moment.Channels;
import io.cxengine.journey.query.value.CustomerValue;
import io.cxengine.journey.query.value.ValueSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** The rules of the briefing: routing, and which difficult-customer scenario the history points to. Pure functions. */
final class Briefings {

    static final int LONG_WAIT_SECONDS = 300;
    static final Duration RECENT_BREACH = Duration.ofDays(30);
    static final Set<String> MISTAKES = Set.of("BILLING_MISTAKE", "ORDER_FILLED_INCORRECTLY", "INCORRECT_INFORMATION",
            "INCOMPETENT_EMPLOYEE");
    static final Set<String> UNCLEAR = Set.of("OTHER", "CONFUSING_PRODUCT");

    private Briefings() {
    }

    static BriefingView view(UUID customer, BriefingState state, long version, ValueSettings settings, Instant now) {
        BigDecimal annual = CustomerValue.annualRevenue(state.revenue(), state.firstPurchaseAt(), state.lastPurchaseAt());
        CustomerValue.Tier tier = CustomerValue.tier(annual, state.purchases(), settings);
        List<BriefingState.Promise> promises = new ArrayList<>(state.promises().values());
        promises.sort(Comparator.comparing(BriefingState.Promise::dueAt));
        List<BriefingState.LastMoment> last = new ArrayList<>(state.lastMoments());
        last.sort(Comparator.comparing(BriefingState.LastMoment::occurredAt).reversed());
        return new BriefingView(customer, greetingName(state.name()), state.name(), tier,
                tier == CustomerValue.Tier.MOST_VALUABLE, routing(state, tier),
                new BriefingView.Known(state.email(), state.phone(),
                        new TreeMap<String, Map<String, String>>(state.known())),
                List.copyOf(state.openComplaints().values()), promises, last,
                new BriefingView.Reach(state.declaredChannel(), Channels.mostUsed(state.inboundChannels()), List.copyOf(state.consents())),
                scenario(state, now),
                state.riskSigns().isEmpty() ? null : new BriefingView.Risk(state.riskSigns(), state.atRiskSince()),
                version);
    }

    /** Greet by name: the first name, as most people are greeted. */
    static String greetingName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return name.trim().split("\\s+")[0];
    }

    /** The most valuable customers are served first; then those with an open complaint or who were lost. */
    static BriefingView.Routing routing(BriefingState state, CustomerValue.Tier tier) {
        if (tier == CustomerValue.Tier.MOST_VALUABLE) {
            return new BriefingView.Routing(1, "Most valuable customer: route to a special representative at once");
        }
        if (!state.openComplaints().isEmpty()) {
            return new BriefingView.Routing(2, "Open complaint: route to someone who can resolve it");
        }
        if (state.lost()) {
            return new BriefingView.Routing(2, "Lost account: a chance to win the customer back");
        }
        return new BriefingView.Routing(3, "Standard");
    }

    static BriefingView.Scenario scenario(BriefingState state, Instant now) {
        List<String> angry = new ArrayList<>();
        state.openComplaints().values().stream().filter(c -> "HIGH".equals(c.severity()))
                .forEach(c -> angry.add("open high-severity complaint about " + words(c.category())));
        long negatives = state.lastMoments().stream().filter(m -> "NEGATIVE".equals(m.valence())).count();
        if (negatives >= 2) {
            angry.add(negatives + " of the last " + state.lastMoments().size() + " moments were negative");
        }
        if (!angry.isEmpty()) {
            return new BriefingView.Scenario("VERY_ANGRY", angry,
                    "Listen and let them vent; apologise; act at once so that they feel prioritised.");
        }
        List<String> mistakes = state.openComplaints().values().stream().filter(c -> MISTAKES.contains(c.category()))
                .map(c -> "open complaint: " + words(c.category())).toList();
        if (!mistakes.isEmpty()) {
            return new BriefingView.Scenario("YOU_MADE_A_MISTAKE", mistakes,
                    "Apologise, acknowledge the error, and say how and when it will be fixed.");
        }
        List<String> waited = new ArrayList<>();
        if (state.lastInboundWaitSeconds() != null && state.lastInboundWaitSeconds() >= LONG_WAIT_SECONDS) {
            waited.add("waited %d minutes at the last contact".formatted(state.lastInboundWaitSeconds() / 60));
        }
        if (state.lastBreachAt() != null && state.lastBreachAt().isAfter(now.minus(RECENT_BREACH))) {
            waited.add("a promise was broken recently: " + words(state.lastBreachStandard()));
        }
        if (!waited.isEmpty()) {
            return new BriefingView.Scenario("IMPATIENT", waited,
                    "Apologise first, explain the wait, and say that it is being resolved.");
        }
        List<String> undecided = state.openComplaints().values().stream().filter(c -> "PROPOSED".equals(c.state()))
                .map(c -> "a solution is proposed but not agreed: " + c.proposal()).toList();
        if (!undecided.isEmpty()) {
            return new BriefingView.Scenario("INDECISIVE", undecided,
                    "Help them put their concerns into words.");
        }
        List<String> unclear = state.openComplaints().values().stream().filter(c -> UNCLEAR.contains(c.category()))
                .map(c -> "open complaint: " + words(c.category())).toList();
        if (!unclear.isEmpty()) {
            return new BriefingView.Scenario("VAGUE", unclear, "Ask questions to find out what they need.");
        }
        return new BriefingView.Scenario("NONE", List.of(),
                "Greet by name and start with the customer, not the product.");
    }

    private static String words(String value) {
        return value == null ? "" : value.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
