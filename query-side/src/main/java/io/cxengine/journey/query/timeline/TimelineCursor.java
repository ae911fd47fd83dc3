package io.cxengine.journey.query.timeline;

import io.cxengine.journey.query.web.InvalidReadRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the timeline ends: the (occurredAt, sequence) of its last entry. Paging by this key rather than by
 * offset keeps pages stable while moments are added, back-dated ones included: no entry is skipped or shown twice.
 */
record TimelineCursor(Instant occurredAt, long sequence) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredAt + "|" + sequence).getBytes(StandardCharsets.UTF_8));
    }

    static TimelineCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimelineCursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidReadRequest("cursor", "is not a cursor this API gave out");
        }
    }
}
