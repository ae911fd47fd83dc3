package io.cxengine.journey.command.factids;

import io.cxengine.journey.command.customer.RecordedIds;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RecordedIds} from {@code customer_fact_id}. Ids claimed in the current unit of work are held in it until its
 * events are stored (the store adds them then, by trigger): a batch that records a touchpoint and then a complaint
 * about it, in one transaction, finds the touchpoint before it is stored.
 */
@Repository
class StoredFactIds implements RecordedIds {

    private static final String CLAIMED = StoredFactIds.class.getName() + ".claimed";

    private final JdbcClient jdbc;

    StoredFactIds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> find(CustomerId customer, Kind kind, String id) {
        String key = key(customer, kind, id);
        Map<String, String> claimed = claimed();
        if (claimed != null && claimed.containsKey(key)) {
            return Optional.of(claimed.get(key));
        }
        return jdbc.sql("SELECT detail FROM customer_fact_id WHERE customer_id = ? AND kind = ? AND fact_id = ?")
                .params(customer.toString(), kind.name(), id)
                .query(String.class)
                .optional();
    }

    @Override
    public Optional<String> claim(CustomerId customer, Kind kind, String id, String detail) {
        Optional<String> known = find(customer, kind, id);
        if (known.isEmpty() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().getOrComputeResource(CLAIMED, name -> new HashMap<String, String>())
                    .put(key(customer, kind, id), detail);
        }
        return known;
    }

    private static Map<String, String> claimed() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(CLAIMED) : null;
    }

    private static String key(CustomerId customer, Kind kind, String id) {
        return customer + "/" + kind + "/" + id;
    }
}
