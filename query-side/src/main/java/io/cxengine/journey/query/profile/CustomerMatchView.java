package io.cxengine.journey.query.profile;

import java.util.UUID;

/** A customer matching a phone number or an e-mail address. */
public record CustomerMatchView(UUID customerId, String name, String status, String visitorTier) {
}
