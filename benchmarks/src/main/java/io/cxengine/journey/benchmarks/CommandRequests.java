package io.cxengine.journey.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.customer.CustomerCommand.*;

/**
 * The REST request another system would send for a command: its path and JSON body as in {@code API.md} (the ids a
 * path names leave the body), and an {@code Idempotency-Key}.
 */
final class CommandRequests {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private CommandRequests() {
    }

    static UciJourneys.Step of(CustomerCommand command, String idempotencyKey) {
        ObjectNode body = JSON.valueToTree(command);
        return new UciJourneys.Step(path(command, body), body.toString(), idempotencyKey);
    }

    private static String path(CustomerCommand command, ObjectNode body) {
        String customer = "/customers/" + command.customerId();
        if (command instanceof RegisterCustomer) {
            return "/customers";
        }
        body.remove("customerId");
        if (command instanceof RecordAttribute) {
            body.setAll((ObjectNode) body.remove("attribute"));
            return customer + "/attributes";
        }
        if (command instanceof RecordPurchase purchase) {
            ((ObjectNode) body.get("amount")).put("amount", purchase.amount().amount().toPlainString());
            return customer + "/purchases";
        }
        if (command instanceof CompleteFollowUp) {
            return customer + "/follow-ups/" + body.remove("followUpId").asText() + "/completion";
        }
        String complaint = command instanceof AcknowledgeComplaint || command instanceof ProposeSolution
                || command instanceof AgreeSolution || command instanceof ResolveComplaint
                || command instanceof ReopenComplaint ? customer + "/complaints/" + body.remove("complaintId").asText()
                : null;
        if (command instanceof AcknowledgeComplaint) return complaint + "/acknowledgement";
        if (command instanceof ProposeSolution) return complaint + "/proposals";
        if (command instanceof AgreeSolution) return complaint + "/agreement";
        if (command instanceof ResolveComplaint) return complaint + "/resolution";
        if (command instanceof ReopenComplaint) return complaint + "/reopening";
        if (command instanceof RecordConsent) return customer + "/consents";
        if (command instanceof RecordTouchpoint) return customer + "/touchpoints";
        if (command instanceof FileComplaint) return customer + "/complaints";
        if (command instanceof IssueApology) return customer + "/apologies";
        if (command instanceof ScheduleFollowUp) return customer + "/follow-ups";
        if (command instanceof MeasureSatisfaction) return customer + "/surveys";
        if (command instanceof LoseAccount) return customer + "/loss";
        if (command instanceof AttemptWinBack) return customer + "/win-back-attempts";
        if (command instanceof ReactivateAccount) return customer + "/reactivation";
        throw new IllegalArgumentException("No load step for " + command.getClass().getSimpleName());
    }
}
