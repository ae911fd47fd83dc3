package io.cxengine.journey.query.profile;

import java.time.Instant;
import java.util.UUID;

/**
 * One customer's profile as agents and analysts read it.
 *
 * @param version the sequence number of the customer's last event this profile reflects (the write side's ETag)
 */
public record CustomerProfileView(UUID customerId, String name, String email, String phone, String identifiedVia,
                                  Instant registeredAt, long version) {
}
