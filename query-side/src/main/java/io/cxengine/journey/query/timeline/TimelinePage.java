package io.cxengine.journey.query.timeline;

import java.util.List;

/** One page of a timeline, newest first; {@code next} is the cursor of the following page, absent on the last. */
public record TimelinePage(List<MomentOfTruthView> moments, String next) {
}
