package io.cxengine.journey.platform.accesslog;

/** An answer that says how many entries (events, moments, matches) it holds, so the access log can record it. */
public interface Counted {

    /** How many entries the answer holds. */
    long count();
}
