package io.cxengine.journey.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the company knew about a customer: a plain fold of their events, for auditors. Which events are folded (all,
 * those recorded by a time, those that happened by a time, those up to a version) decides what it shows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CustomerState {

    public String customerId;
    public String name;
    public String email;
    public String phone;
    public String identifiedVia;
    public Instant registeredAt;
    public Map<String, Map<String, String>> attributes = new TreeMap<>();
    public TreeSet<String> consents = new TreeSet<>();
    public int touchpoints;
    public Instant lastContactAt;
    public Map<String, Complaint> complaints = new TreeMap<>();
    public int apologies;
    public Map<String, FollowUp> followUps = new TreeMap<>();
    public List<Survey> surveys = new ArrayList<>();
    public int purchases;
    public Map<String, BigDecimal> revenue = new TreeMap<>();
    /** Orders received and awaiting fulfilment. */
    public TreeSet<String> ordersAwaitingFulfilment = new TreeSet<>();
    public int serviceStandardBreaches;
    /** Contacts over a channel the customer had not consented to. */
    public int consentBreaches;
    public boolean lost;
    public Instant lostAt;
    public String lossReason;
    public int winBackAttempts;
    public Instant reactivatedAt;
    /** The signs of risk last recorded; empty when not at risk (a loss ends the watch). */
    public TreeSet<String> riskSigns = new TreeSet<>();
    public Instant atRiskSince;
    public long version = -1;
    public int events;

    /** One complaint and where it stood. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Complaint {
        public String category;
        public String severity;
        public String state;
        public Instant filedAt;
        public Instant acknowledgedAt;
        public Instant resolvedAt;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class FollowUp {
        public Instant dueAt;
        public String state;
    }

    public record Survey(String kind, Integer score, String statedReason, Instant at) {
    }

    /** Folds one event in. */
    public void apply(CustomerEvent event, long sequence) {
        version = sequence;
        events++;
        customerId = event.customerId().toString();
        if (event instanceof CustomerRegistered e) {
            name = e.name();
            email = e.email();
            phone = e.phone();
            identifiedVia = e.identifiedVia().name();
            registeredAt = e.occurredAt();
        } else if (event instanceof AttributeRecorded e) {
            attributes.computeIfAbsent(e.kind().name(), kind -> new TreeMap<>()).put(e.name(), e.value());
        } else if (event instanceof ConsentGranted e) {
            consents.add(e.channel().name());
        } else if (event instanceof ConsentWithdrawn e) {
            consents.remove(e.channel().name());
        } else if (event instanceof TouchpointRecorded e) {
            touchpoints++;
            lastContactAt = lastContactAt == null || e.occurredAt().isAfter(lastContactAt) ? e.occurredAt() : lastContactAt;
        } else if (event instanceof ComplaintFiled e) {
            Complaint complaint = new Complaint();
            complaint.category = e.category().name();
            complaint.severity = e.severity().name();
            complaint.state = "FILED";
            complaint.filedAt = e.occurredAt();
            complaints.put(e.complaintId().toString(), complaint);
        } else if (event instanceof ComplaintAcknowledged e) {
            complaint(e.complaintId().toString(), "ACKNOWLEDGED").acknowledgedAt = e.occurredAt();
        } else if (event instanceof SolutionProposed e) {
            complaint(e.complaintId().toString(), "SOLUTION_PROPOSED");
        } else if (event instanceof SolutionAgreed e) {
            complaint(e.complaintId().toString(), "SOLUTION_AGREED");
        } else if (event instanceof ComplaintResolved e) {
            complaint(e.complaintId().toString(), "RESOLVED").resolvedAt = e.occurredAt();
        } else if (event instanceof ComplaintReopened e) {
            complaint(e.complaintId().toString(), "REOPENED").resolvedAt = null;
        } else if (event instanceof ApologyIssued) {
            apologies++;
        } else if (event instanceof FollowUpScheduled e) {
            FollowUp followUp = new FollowUp();
            followUp.dueAt = e.dueAt();
            followUp.state = "SCHEDULED";
            followUps.put(e.followUpId().toString(), followUp);
        } else if (event instanceof FollowUpCompleted e) {
            followUp(e.followUpId().toString(), "COMPLETED");
        } else if (event instanceof FollowUpMissed e) {
            followUp(e.followUpId().toString(), "MISSED");
        } else if (event instanceof SatisfactionMeasured e) {
            surveys.add(new Survey(e.kind().name(), e.score(), e.statedReason() == null ? null : e.statedReason().name(),
                    e.occurredAt()));
        } else if (event instanceof PurchaseRecorded e) {
            purchases++;
            revenue.merge(e.amount().currency(), e.amount().amount(), BigDecimal::add);
            if (e.fulfilBy() != null) {
                ordersAwaitingFulfilment.add(e.orderId());
            }
        } else if (event instanceof OrderFulfilled e) {
            ordersAwaitingFulfilment.remove(e.orderId());
        } else if (event instanceof ConsentBreached) {
            consentBreaches++;
        } else if (event instanceof ServiceStandardBreached) {
            serviceStandardBreaches++;
        } else if (event instanceof CustomerAtRisk e) {
            atRiskSince = riskSigns.isEmpty() ? e.occurredAt() : atRiskSince;
            riskSigns = new TreeSet<>(e.signs().stream().map(Enum::name).toList());
        } else if (event instanceof CustomerNoLongerAtRisk) {
            riskSigns.clear();
            atRiskSince = null;
        } else if (event instanceof AccountLost e) {
            riskSigns.clear();
            atRiskSince = null;
            lost = true;
            lostAt = e.occurredAt();
            lossReason = e.reason().name();
        } else if (event instanceof WinBackAttempted) {
            winBackAttempts++;
        } else if (event instanceof AccountReactivated e) {
            lost = false;
            reactivatedAt = e.occurredAt();
        }
    }

    private Complaint complaint(String id, String state) {
        Complaint complaint = complaints.computeIfAbsent(id, key -> new Complaint());
        complaint.state = state;
        return complaint;
    }

    private void followUp(String id, String state) {
        followUps.computeIfAbsent(id, key -> new FollowUp()).state = state;
    }
}
