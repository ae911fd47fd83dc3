package io.cxengine.journey.query.analytics;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Which groups of a breakdown are suppressed, when the breakdown's total is published too (per standard, beside its
 * months): every group smaller than the minimum, and, if that leaves a single group suppressed or suppressed groups
 * that together are still fewer than the minimum, the next smallest groups as well. Else the total minus the groups
 * shown would give the small group back.
 */
final class SmallGroups {

    private SmallGroups() {
    }

    /** The indexes, among groups of these sizes, of those to suppress; an empty group singles nobody out. */
    static Set<Integer> suppressed(List<Long> sizes, int minGroup) {
        Set<Integer> suppressed = new TreeSet<>();
        IntStream.range(0, sizes.size()).filter(i -> sizes.get(i) > 0 && sizes.get(i) < minGroup)
                .forEach(suppressed::add);
        if (suppressed.isEmpty()) {
            return suppressed;
        }
        List<Integer> smallestShown = IntStream.range(0, sizes.size()).boxed()
                .filter(i -> !suppressed.contains(i) && sizes.get(i) > 0)
                .sorted(Comparator.comparing(sizes::get)).toList();
        for (int next : smallestShown) {
            long hidden = suppressed.stream().mapToLong(sizes::get).sum();
            if (suppressed.size() >= 2 && hidden >= minGroup) {
                break;
            }
            suppressed.add(next);
        }
        return suppressed;
    }
}
