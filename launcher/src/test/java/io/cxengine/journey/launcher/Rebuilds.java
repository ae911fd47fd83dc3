package io.cxengine.journey.launcher;

import io.cxengine.journey.query.operations.Projections;
import io.cxengine.journey.query.operations.RebuildStatus;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilds projections the way an operator does, and waits until the rebuilt tables are swapped in. */
final class Rebuilds {

    private Rebuilds() {
    }

    /** Rebuilds every projection in one pass and waits for the swap; fails if the rebuild failed. */
    static RebuildStatus everyProjection(Projections projections) {
        return of(projections, List.of());
    }

    static RebuildStatus of(Projections projections, List<String> names) {
        projections.rebuild(names);
        return awaitFinished(projections);
    }

    static RebuildStatus awaitFinished(Projections projections) {
        RebuildStatus finished = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> projections.rebuildStatus().orElseThrow(), status -> !status.running());
        assertThat(finished.state()).as("rebuild %s: %s", finished.projections(), finished.failure())
                .isEqualTo(RebuildStatus.State.FINISHED);
        return finished;
    }
}
