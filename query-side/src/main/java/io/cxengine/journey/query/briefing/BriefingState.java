package io.cxengine.journey.query.briefing;

import io.cxengine.journey.query.moment.LastMoments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the briefing projection keeps of one customer, stored as JSON in {@code read_model.customer_briefing} and read
 * back by key in one lookup.
 */
class BriefingState {

    public String name;
    public String email;
    public String phone;
    public BigDecimal revenue = BigDecimal.ZERO;
    public int purchases;
    public Instant firstPurchaseAt;
    public Instant lastPurchaseAt;
    public boolean lost;
    public TreeSet<String> consents = new TreeSet<>();
    public String declaredChannel;
    public Map<String, Integer> inboundChannels = new HashMap<>();
    public Map<String, Map<String, String>> known = new TreeMap<>();
    public Map<String, OpenComplaint> openComplaints = new TreeMap<>();
    public Map<String, Promise> promises = new TreeMap<>();
    public List<LastMoment> lastMoments = new ArrayList<>();
    public Integer lastInboundWaitSeconds;
    public Instant lastBreachAt;
    public String lastBreachStandard;

    /** A complaint still open, with where it stands. */
    public record OpenComplaint(String complaintId, String category, String severity, String state, Instant filedAt,
                                Instant acknowledgeBy, String proposal, Instant promisedBy) {
        OpenComplaint in(String newState) {
            return new OpenComplaint(complaintId, category, severity, newState, filedAt, acknowledgeBy, proposal,
                    promisedBy);
        }
    }

    /** Something promised to the customer that is still due (or overdue): a follow-up or a solution. */
    public record Promise(String kind, String id, Instant dueAt, String what, String channel, boolean overdue) {
        Promise markedOverdue() {
            return new Promise(kind, id, dueAt, what, channel, true);
        }
    }

    public record LastMoment(Instant occurredAt, String kind, String channel, String valence, String summary) {
    }

    void moment(LastMoment moment) {
        LastMoments.add(lastMoments, moment, LastMoment::occurredAt);
    }
}
