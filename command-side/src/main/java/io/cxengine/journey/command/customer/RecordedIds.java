package io.cxengine.journey.command.customer;

import io.cxengine.journey.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/**
 * The ids of a customer's facts that must be unique: touchpoints, complaints, follow-ups and orders. The event store
 * keeps them under a unique key, each added in the transaction of the event that introduces it, so that no id is ever
 * recorded twice whoever writes; the customer asks here instead of remembering every id it ever saw.
 */
public interface RecordedIds {

    /** The kinds of fact whose ids are unique per customer. */
    enum Kind {
        TOUCHPOINT, COMPLAINT, FOLLOW_UP, ORDER
    }

    /** An id a command names: of a fact it introduces or of one it refers to ({@link CustomerCommand#namedIds}). */
    record Named(Kind kind, String id) {
        static List<Named> of(Kind kind, Object id) {
            return id == null ? List.of() : List.of(new Named(kind, id.toString()));
        }
    }

    /**
     * What was recorded with the id (for a complaint when it was filed, for an order its amount and currency, for the
     * others nothing: an empty text), if the customer has a fact with it: stored, or claimed earlier in this
     * transaction.
     */
    Optional<String> find(CustomerId customer, Kind kind, String id);

    /**
     * Claims the id for a fact about to be applied in this transaction, unless it is known ({@link #find}); its
     * detail is then returned and nothing is claimed. The event store adds the claimed id when it stores the event.
     */
    Optional<String> claim(CustomerId customer, Kind kind, String id, String detail);
}
