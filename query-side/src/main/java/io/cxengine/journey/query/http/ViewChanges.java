package io.cxengine.journey.query.http;

import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.pseudonym.Pseudonym;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Changes to the live views, told to every query node. A projection holds only some segments of the stream, on one
 * node; a client following a customer may be connected to any node. So a projection does not feed its subscribers
 * itself: it says what changed ({@link #changed}), and once its transaction commits, PostgreSQL tells every node that
 * listens (channel {@value #CHANNEL}, {@link ViewChangeListener}), each of which feeds its own subscribers of that
 * customer ({@link #on}). The channel names customers by their pseudonyms: any login of the database may listen. A batch's changes go in as few notifications as fit, each customer and view once, in the order
 * of the batch; a batch rolled back tells nothing.
 */
@Component
public class ViewChanges {

    static final String CHANNEL = "journey_view_changes";
    /** PostgreSQL's limit on a payload is 8000 bytes. */
    static final int MAX_PAYLOAD = 7500;
    private static final Logger log = LoggerFactory.getLogger(ViewChanges.class);
    private static final String PENDING = ViewChanges.class.getName() + ".pending";

    /** What this node does when a view of a customer changed. */
    @FunctionalInterface
    public interface Follower {
        void changed(String customer, String detail);
    }

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();

    ViewChanges(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** Registers what this node does when {@code view} of a customer changed anywhere. */
    public void on(String view, Follower follower) {
        if (view.contains(" ") || followers.putIfAbsent(view, follower) != null) {
            throw new IllegalArgumentException("One follower per view, named without spaces: " + view);
        }
    }

    /**
     * Tells every node, once the current transaction commits, that {@code view} of {@code customer} changed
     * ({@code detail}: what changed, as the view's follower reads it, without spaces or line breaks).
     */
    public void changed(String view, String customer, String detail) {
        // Any login may LISTEN (PostgreSQL has no privilege for it): the channel names customers by pseudonym only.
        String change = view + " " + pseudonyms.of(CustomerId.of(customer)).value() + " " + detail;
        if (!CurrentUnitOfWork.isStarted()) {
            send(List.of(change));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Set<String> pending = batch.getOrComputeResource(PENDING, key -> {
            Set<String> changes = new LinkedHashSet<>();
            batch.onPrepareCommit(unitOfWork -> send(changes));
            return changes;
        });
        pending.add(change);
    }

    private void send(Iterable<String> changes) {
        StringBuilder payload = new StringBuilder();
        for (String change : changes) {
            if (payload.length() > 0 && payload.length() + 1 + change.length() > MAX_PAYLOAD) {
                notify(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.length() == 0 ? "" : "\n").append(change);
        }
        if (payload.length() > 0) {
            notify(payload.toString());
        }
    }

    private void notify(String payload) {
        jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, payload);
    }

    /** A notification arrived: each change to its view's follower on this node. */
    void received(String payload) {
        for (String change : payload.split("\n")) {
            String[] parts = change.split(" ", 3);
            Follower follower = parts.length == 3 ? followers.get(parts[0]) : null;
            if (follower == null) {
                continue;
            }
            try {
                follower.changed(pseudonyms.customerOf(Pseudonym.of(parts[1])).toString(), parts[2]);
            } catch (RuntimeException failed) {
                log.warn("Could not feed the live {} of customer {}", parts[0], parts[1], failed);
            }
        }
    }

    List<String> views() {
        return new ArrayList<>(followers.keySet());
    }
}
