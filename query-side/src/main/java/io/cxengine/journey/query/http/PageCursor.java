package io.cxengine.journey.query.http;

import io.cxengine.journey.platform.pseudonym.Pseudonym;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a listing ends: the sort key of its last entry (a time and a tie-breaker). Paging by this key
 * rather than by offset keeps pages stable while entries are added: none is skipped or shown twice.
 */
public record PageCursor(Instant at, String tieBreaker) {

    /** The tie-breaker as a customer pseudonym, as analysts' listings keyed by customer use it. */
    public Pseudonym tieBreakerAsPseudonym() {
        try {
            return Pseudonym.of(tieBreaker);
        } catch (IllegalArgumentException e) {
            throw new InvalidReadRequest("cursor", "is not a cursor this API gave out");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at + "|" + tieBreaker).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null for the first page. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new PageCursor(Instant.parse(parts[0]), parts[1]);
        } catch (RuntimeException e) {
            throw new InvalidReadRequest("cursor", "is not a cursor this API gave out");
        }
    }
}
