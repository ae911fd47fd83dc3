package io.cxengine.journey.query.profile;

import io.cxengine.journey.customer.PersonalData;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One customer's profile as analysts read it: the figures of the agents' profile under the customer's pseudonym,
 * without the customer id, the name, the contact details and the attributes themselves (only how many of each kind
 * are known; special-category attributes are not even counted).
 *
 * @param attributesKnown how many attributes of each kind are known, special-category ones left out
 */
public record PseudonymousProfileView(String pseudonym, String identifiedVia, Instant registeredAt, String status,
                                      String visitorTier, Map<String, Integer> attributesKnown, List<String> consents,
                                      CustomerProfileView.PreferredChannel preferredChannel,
                                      List<Integer> usualContactHours, CustomerProfileView.Value value,
                                      CustomerProfileView.Balance relationshipBalance, int openComplaints,
                                      int pendingFollowUps, Instant lastContactAt,
                                      CustomerProfileView.Satisfaction satisfaction, Instant lostAt,
                                      Instant reactivatedAt, CustomerProfileView.Risk risk, long version) {

    /** The one place a profile becomes what analysts see. */
    static PseudonymousProfileView of(CustomerProfileView profile, String pseudonym) {
        Map<String, Integer> known = new TreeMap<>();
        // The projection stores a special-category attribute with its value withheld, as its event marked it.
        profile.attributes().forEach((kind, attributes) -> {
            int count = (int) attributes.values().stream()
                    .filter(value -> !PersonalData.WITHHELD.equals(value)).count();
            if (count > 0) {
                known.put(kind, count);
            }
        });
        return new PseudonymousProfileView(pseudonym, profile.identifiedVia(), profile.registeredAt(),
                profile.status(), profile.visitorTier(), known, profile.consents(), profile.preferredChannel(),
                profile.usualContactHours(), profile.value(), profile.relationshipBalance(), profile.openComplaints(),
                profile.pendingFollowUps(), profile.lastContactAt(), profile.satisfaction(), profile.lostAt(),
                profile.reactivatedAt(), profile.risk(), profile.version());
    }
}
