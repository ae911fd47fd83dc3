package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.RelationshipBalance;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.query.moment.Channels;
import io.cxengine.journey.query.value.CustomerValue;
import io.cxengine.journey.query.value.ValueSettings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** How the stored profile row becomes the profile people read: the derived figures, as pure functions. */
final class ProfileRules {

    static final Duration RECENT = RelationshipBalance.RECENT;

    private ProfileRules() {
    }

    static CustomerProfileView view(ProfileRow row, ValueSettings settings) {
        BigDecimal annual = CustomerValue.annualRevenue(row.revenue(), row.firstPurchaseAt(), row.lastPurchaseAt());
        CustomerValue.Tier tier = CustomerValue.tier(annual, row.purchaseCount(), settings);
        return new CustomerProfileView(row.customerId(), row.name(), row.email(), row.phone(), row.identifiedVia(),
                row.registeredAt(), status(row), visitorTier(row), row.attributes(), row.consents(),
                new CustomerProfileView.PreferredChannel(row.declaredChannel(), Channels.mostUsed(row.inboundChannels())),
                usualHours(row.contactHours()),
                new CustomerProfileView.Value(row.purchaseCount(), row.revenue(), row.currency(), annual,
                        CustomerValue.lifetimeValue(annual, settings.interestRate(), settings.periods()), tier,
                        tier == CustomerValue.Tier.MOST_VALUABLE,
                        CustomerValue.quadrant(annual, row.recentBalance(), settings), row.firstPurchaseAt(),
                        row.lastPurchaseAt()),
                new CustomerProfileView.Balance(row.relationshipBalance(), row.recentBalance()),
                row.openComplaints(), row.pendingFollowUps(), row.lastContactAt(),
                new CustomerProfileView.Satisfaction(row.recentSurveys(), trend(row.recentSurveys())),
                row.lostAt(), row.reactivatedAt(),
                row.riskSigns().isEmpty() ? null : new CustomerProfileView.Risk(row.riskSigns(), row.atRiskSince()),
                row.version());
    }

    static String status(ProfileRow row) {
        if ("FORGOTTEN".equals(row.status())) {
            return "FORGOTTEN";
        }
        if (isLost(row.lostAt(), row.reactivatedAt())) {
            return "LOST";
        }
        if (row.recentBalance() < 0) {
            return "AT_RISK";
        }
        return row.reactivatedAt() != null ? "REACTIVATED" : "ACTIVE";
    }

    static String visitorTier(ProfileRow row) {
        return visitorTier(row.purchaseCount(), row.identifiedVia());
    }

    static String visitorTier(int purchases, String identifiedVia) {
        if (purchases >= 2) {
            return "CLIENT";
        }
        return purchases == 1 || "WEB_REGISTRATION".equals(identifiedVia) ? "REGISTERED" : "GUEST";
    }

    /** Lost, and not reactivated since. */
    static boolean isLost(Instant lostAt, Instant reactivatedAt) {
        return lostAt != null && (reactivatedAt == null || reactivatedAt.isBefore(lostAt));
    }

    /** The hours with inbound contacts, most used first, at most three. */
    static List<Integer> usualHours(int[] hours) {
        return IntStream.range(0, hours.length).filter(hour -> hours[hour] > 0).boxed()
                .sorted(Comparator.comparingInt((Integer hour) -> -hours[hour]).thenComparing(hour -> hour))
                .limit(3).toList();
    }

    /** The latest score against the mean of the earlier recent ones, each scaled to 0..1. */
    static String trend(List<ProfileRow.Survey> surveys) {
        if (surveys.size() < 2) {
            return "UNKNOWN";
        }
        double latest = scaled(surveys.get(surveys.size() - 1));
        double earlier = surveys.subList(0, surveys.size() - 1).stream().mapToDouble(ProfileRules::scaled).average()
                .orElse(latest);
        return latest - earlier > 0.1 ? "IMPROVING" : earlier - latest > 0.1 ? "DECLINING" : "STABLE";
    }

    private static double scaled(ProfileRow.Survey survey) {
        return SurveyKind.valueOf(survey.kind()).scaled(survey.score());
    }
}
