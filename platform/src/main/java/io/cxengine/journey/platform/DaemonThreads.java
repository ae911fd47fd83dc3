package io.cxengine.journey.platform;

import java.util.concurrent.ThreadFactory;

/** The engine's background threads: named for what they do, and never what keeps a stopping JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A factory of daemon threads that all bear this name. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
