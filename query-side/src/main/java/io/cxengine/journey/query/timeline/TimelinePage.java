package io.cxengine.journey.query.timeline;

import io.cxengine.journey.platform.accesslog.Counted;

import java.util.List;

/** One page of a timeline, newest first; {@code next} is the cursor of the following page, absent on the last. */
public record TimelinePage(List<MomentOfTruthView> moments, String next) implements Counted {

    @Override
    public long count() {
        return moments.size();
    }
}
