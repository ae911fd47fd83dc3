package io.cxengine.journey.command.http;

import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;

import java.time.Instant;

/**
 * The body of a command endpoint, validated: the command it asks for, for what the endpoint's path names, at the time
 * of the request. The one translation from request to command, used by the endpoint and by the import alike.
 */
interface CommandBody {

    CustomerCommand command(Target target, Instant now);

    /** What an endpoint's path names: the customer, and the complaint or follow-up a step belongs to. */
    record Target(CustomerId customerId, ComplaintId complaintId, FollowUpId followUpId) {

        static Target customer(CustomerId customerId) {
            return new Target(customerId, null, null);
        }

        static Target complaint(CustomerId customerId, ComplaintId complaintId) {
            return new Target(customerId, complaintId, null);
        }

        static Target followUp(CustomerId customerId, FollowUpId followUpId) {
            return new Target(customerId, null, followUpId);
        }
    }

    /** When something happened: as the client says, or now. */
    static Instant occurred(Instant occurredAt, Instant now) {
        return occurredAt != null ? occurredAt : now;
    }
}
