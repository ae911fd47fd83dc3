package io.cxengine.journey.command.policy;

import io.cxengine.journey.command.customer.CustomerCommand.ScheduleFollowUpWhereWelcome.Occasion;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The follow-ups the engine promises on its own initiative. Each names itself as the principal of what it records,
 * and gives its follow-up an id drawn from the fact that called for it, so that asking twice records it once.
 */
public enum FollowUpPolicy {

    /** When a complaint is resolved: come back to the customer to check that the solution holds (recovery's sixth step). */
    RECOVERY_FOLLOW_UP("policy:recovery-follow-up", "check that the resolution of the complaint holds",
            Occasion.RESOLVED_COMPLAINT),
    /** When an account is lost: ask the customer why they left (the lost-account survey), a chance to win them back. */
    LOST_ACCOUNT_SURVEY("policy:lost-account-survey", "lost-account survey: ask why the customer left",
            Occasion.LOST_ACCOUNT);

    private final String principal;
    private final String purpose;
    private final Occasion occasion;

    FollowUpPolicy(String principal, String purpose, Occasion occasion) {
        this.principal = principal;
        this.purpose = purpose;
        this.occasion = occasion;
    }

    /** What calls for its follow-up, which must still be so when the follow-up is promised. */
    Occasion occasion() {
        return occasion;
    }

    /** Who the facts it records say submitted them. */
    public String principal() {
        return principal;
    }

    /** What the follow-up is for, in the customer's history. */
    public String purpose() {
        return purpose;
    }

    /**
     * The follow-up's id: the same for the same fact (this resolution of this complaint, this loss), whoever asks and
     * however often; another for the next resolution of the complaint once reopened.
     */
    FollowUpId followUpFor(CustomerId customer, ComplaintId complaint, Instant factAt) {
        String name = name() + "/" + customer + "/" + (complaint == null ? "" : complaint + "/") + factAt;
        return new FollowUpId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
