package io.cxengine.journey.query.timeline;

import java.time.Instant;

/** One entry of a customer's timeline: when it happened, when the company learnt it, and what it was. */
public record MomentOfTruthView(String eventId, long sequence, Instant occurredAt, Instant recordedAt, String kind,
                                String channel, String stage, String valence, String summary) {
}
