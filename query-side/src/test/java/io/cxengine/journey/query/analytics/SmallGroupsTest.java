package io.cxengine.journey.query.analytics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmallGroupsTest {

    @Test
    @DisplayName("no small group: nothing suppressed")
    void noSmallGroup() {
        assertThat(SmallGroups.suppressed(List.of(5L, 9L, 20L), 5)).isEmpty();
    }

    @Test
    @DisplayName("one small group beside a published total: the next smallest is suppressed with it")
    void oneSmallGroupTakesTheNextSmallest() {
        assertThat(SmallGroups.suppressed(List.of(30L, 2L, 9L, 7L), 5)).containsExactly(1, 3);
    }

    @Test
    @DisplayName("small groups that together are still too few take more until they are not")
    void smallGroupsTogetherTooFew() {
        assertThat(SmallGroups.suppressed(List.of(1L, 1L, 6L, 40L), 5)).containsExactly(0, 1, 2);
    }

    @Test
    @DisplayName("two small groups that together reach the minimum are enough")
    void twoSmallGroupsReachingTheMinimum() {
        assertThat(SmallGroups.suppressed(List.of(3L, 4L, 10L), 5)).containsExactly(0, 1);
    }

    @Test
    @DisplayName("a single group too small is suppressed, and there is nothing else to take")
    void singleGroup() {
        assertThat(SmallGroups.suppressed(List.of(3L), 5)).containsExactly(0);
    }
}
