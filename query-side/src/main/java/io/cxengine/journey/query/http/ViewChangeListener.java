package io.cxengine.journey.query.http;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Listens for {@link ViewChanges} on a connection of its own and hands each to this node's followers. Should the
 * connection be lost, what was notified meanwhile is lost to this node: once it listens again it ends every live
 * stream ({@link LiveUpdates#endStreams}), and the clients reconnect and start from the current state, as after any
 * lost connection.
 */
@Component
class ViewChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ViewChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    /** How often the listening connection is checked by a query of its own. */
    private static final java.time.Duration CHECK_EVERY = java.time.Duration.ofSeconds(15);

    private final DataSource dataSource;
    private final ViewChanges changes;
    private final LiveUpdates live;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread listening;
    private volatile boolean listened;

    ViewChangeListener(DataSource dataSource, ViewChanges changes, LiveUpdates live) {
        this.dataSource = dataSource;
        this.changes = changes;
        this.live = live;
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            listening = new Thread(this::listen, "view-change-listener");
            listening.setDaemon(true);
            listening.start();
        }
    }

    @Override
    public void stop() {
        running.set(false);
        Thread thread = listening;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2 * WAIT_MILLIS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listening before the web server takes requests, until after it stopped. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private void listen() {
        while (running.get()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + ViewChanges.CHANNEL);
                }
                if (listened) {
                    log.info("Listening for view changes again: ending the live streams, whose clients reconnect");
                    live.endStreams();
                }
                listened = true;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                long checked = System.nanoTime();
                while (running.get()) {
                    if (System.nanoTime() - checked > CHECK_EVERY.toNanos()) {
                        // Waiting for notifications sends nothing: a connection cut without a word would go unnoticed.
                        try (Statement check = connection.createStatement()) {
                            check.setQueryTimeout(5);
                            check.execute("SELECT 1");
                        }
                        checked = System.nanoTime();
                    }
                    PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            changes.received(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException lost) {
                if (running.get()) {
                    log.warn("Lost the connection listening for view changes; listening again in a second: {}",
                            lost.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
