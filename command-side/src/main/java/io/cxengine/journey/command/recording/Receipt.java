package io.cxengine.journey.command.recording;

/**
 * What a write returns: the customer's version after it (the ETag for {@code If-Match}) and the global position of
 * its last event (for {@code minPosition} reads of one's own writes).
 *
 * @param customerId the customer written to
 * @param version    the sequence number of the customer's last event
 * @param position   the global position of that event in the event store
 */
public record Receipt(String customerId, long version, long position) {

    /** The version as a strong ETag. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
