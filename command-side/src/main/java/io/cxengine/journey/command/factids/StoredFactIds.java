package io.cxengine.journey.command.factids;

import io.cxengine.journey.command.customer.RecordedIds;
import io.cxengine.journey.platform.eventstore.RoundTrip;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RecordedIds} from {@code customer_fact_id}. What a unit of work has learnt of an id (read from the table, or
 * claimed for an event not stored yet) is kept in it until it ends: a check and then a claim of the same id read the
 * table once, and a batch that records a touchpoint and then a complaint about it, in one transaction, finds the
 * touchpoint before the store adds it (by trigger, when it stores the event). The customer's lock, held for the unit of
 * work, keeps what it learnt true meanwhile.
 */
@Repository
public class StoredFactIds implements RecordedIds {

    private static final String KNOWN = StoredFactIds.class.getName() + ".known";

    private final JdbcClient jdbc;

    StoredFactIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(CustomerId customer, Kind kind, String id) {
        String key = key(customer, kind, id);
        Map<String, Optional<String>> known = known();
        Optional<String> learnt = known == null ? null : known.get(key);
        if (learnt != null) {
            return learnt;
        }
        Optional<String> stored = jdbc.sql(
                        "SELECT detail FROM customer_fact_id WHERE customer_id = ? AND kind = ? AND fact_id = ?")
                .params(customer.toString(), kind.name(), id)
                .query(String.class)
                .optional();
        if (known != null) {
            known.put(key, stored);
        }
        return stored;
    }

    @Override
    public Optional<String> claim(CustomerId customer, Kind kind, String id, String detail) {
        Optional<String> found = find(customer, kind, id);
        Map<String, Optional<String>> known = known();
        if (found.isEmpty() && known != null) {
            known.put(key(customer, kind, id), Optional.of(detail));
        }
        return found;
    }

    /**
     * Adds to the trip (a command's, which locks its customer first) the reading of the ids the command names, and
     * keeps what it finds, and what it does not, as learnt for the rest of the unit of work: the command is then
     * decided without another round trip.
     */
    public void readOn(RoundTrip trip, CustomerId customer, List<Named> named) {
        Map<String, Optional<String>> known = known();
        if (named.isEmpty() || known == null) {
            return;
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(customer.toString());
        for (Named id : named) {
            parameters.add(id.kind().name());
            parameters.add(id.id());
        }
        trip.statement("SELECT kind, fact_id, detail FROM customer_fact_id WHERE customer_id = ? AND (kind, fact_id) IN ("
                        + String.join(", ", Collections.nCopies(named.size(), "(?, ?)")) + ")",
                rows -> {
                    for (Named id : named) {
                        known.putIfAbsent(key(customer, id.kind(), id.id()), Optional.empty());
                    }
                    while (rows.next()) {
                        known.put(key(customer, Kind.valueOf(rows.getString(1)), rows.getString(2)),
                                Optional.of(rows.getString(3)));
                    }
                },
                parameters.toArray());
    }

    /** What the current unit of work has learnt of ids; none outside one. */
    private static Map<String, Optional<String>> known() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().root().getOrComputeResource(KNOWN, name -> new HashMap<>()) : null;
    }

    private static String key(CustomerId customer, Kind kind, String id) {
        return customer + "/" + kind + "/" + id;
    }
}
