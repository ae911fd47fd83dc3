package io.cxengine.journey.platform.accesslog;

import java.util.List;

/** One page of the access log, newest first; {@code next} is the cursor of the following page, absent on the last. */
public record AccessLogPage(List<AccessEntry> entries, String next) implements Counted {

    @Override
    public long count() {
        return entries.size();
    }
}
