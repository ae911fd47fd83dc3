package io.cxengine.journey.command.audit;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of recomputing a customer's hash chain from the stored bytes.
 *
 * @param verified     every event links to the one before and hashes to what it carries
 * @param events       how many events were checked
 * @param headHash     the hash of the last event, to compare with a copy kept elsewhere
 * @param firstBroken  the first event whose link does not hold, if any
 */
public record HistoryVerification(UUID customerId, boolean verified, long events, String headHash,
                                  BrokenLink firstBroken) {

    /** Where and why the chain breaks. */
    public record BrokenLink(long sequence, String eventIdentifier, String reason, String expected, String found) {
    }

    static HistoryVerification of(UUID customer, List<StoredEvent> history) {
        String previous = HashChain.GENESIS;
        long expectedSequence = 0;
        for (StoredEvent event : history) {
            if (event.sequence() != expectedSequence) {
                return broken(customer, history, new BrokenLink(expectedSequence, null, "EVENT_MISSING",
                        "sequence " + expectedSequence, "sequence " + event.sequence()));
            }
            String carried = event.meta(HashChain.HASH);
            if (carried == null) {
                return broken(customer, history, new BrokenLink(event.sequence(), event.eventIdentifier(),
                        "NOT_CHAINED", "a hash", null));
            }
            if (!previous.equals(event.meta(HashChain.PREVIOUS_HASH))) {
                return broken(customer, history, new BrokenLink(event.sequence(), event.eventIdentifier(),
                        "CHAIN_BROKEN", previous, event.meta(HashChain.PREVIOUS_HASH)));
            }
            String recomputed = HashChain.hash(previous, event.link());
            if (!recomputed.equals(carried)) {
                return broken(customer, history, new BrokenLink(event.sequence(), event.eventIdentifier(),
                        "EVENT_ALTERED", recomputed, carried));
            }
            previous = carried;
            expectedSequence++;
        }
        return new HistoryVerification(customer, true, history.size(), previous, null);
    }

    private static HistoryVerification broken(UUID customer, List<StoredEvent> history, BrokenLink link) {
        return new HistoryVerification(customer, false, history.size(), null, link);
    }
}
