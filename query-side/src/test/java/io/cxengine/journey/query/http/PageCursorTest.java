package io.cxengine.journey.query.http;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCursorTest {

    @Test
    @DisplayName("a cursor given out comes back as the same sort key, a tie-breaker with a bar in it included")
    void roundTrip() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T10:15:30.123Z"), "42|b");
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    @DisplayName("no cursor is the first page")
    void firstPage() {
        assertThat(PageCursor.decode(null)).isNull();
        assertThat(PageCursor.decode(" ")).isNull();
    }

    @Test
    @DisplayName("a cursor this API did not give out is a bad request naming the cursor")
    void forged() {
        assertThatThrownBy(() -> PageCursor.decode("not a cursor")).isInstanceOf(InvalidReadRequest.class)
                .hasMessageContaining("cursor");
        assertThatThrownBy(() -> new PageCursor(Instant.EPOCH, "not-a-pseudonym").tieBreakerAsPseudonym())
                .isInstanceOf(InvalidReadRequest.class);
    }
}
