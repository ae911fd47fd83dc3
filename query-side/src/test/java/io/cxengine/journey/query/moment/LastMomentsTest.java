package io.cxengine.journey.query.moment;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class LastMomentsTest {

    @Test
    @DisplayName("the latest three by when they happened, oldest first, whatever order they were recorded in")
    void latestThreeByOccurrence() {
        List<Instant> kept = List.of();
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        for (int day : new int[]{5, 1, 7, 3, 6}) {
            kept = LastMoments.with(kept, start.plusSeconds(86_400L * day), Function.identity());
        }
        assertThat(kept).containsExactly(start.plusSeconds(86_400L * 5), start.plusSeconds(86_400L * 6),
                start.plusSeconds(86_400L * 7));
    }
}
