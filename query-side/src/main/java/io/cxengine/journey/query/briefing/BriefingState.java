package io.cxengine.journey.query.briefing;

import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.query.moment.LastMoments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the briefing projection keeps of one customer, stored as JSON in {@code read_model.customer_briefing} and read
 * back by key in one lookup. Each fact gives a new state; open complaints and promises are keyed by their id.
 */
record BriefingState(String name, String email, String phone, BigDecimal revenue, int purchases,
                     Instant firstPurchaseAt, Instant lastPurchaseAt, boolean lost, SortedSet<String> consents,
                     String declaredChannel, Map<String, Integer> inboundChannels,
                     SortedMap<String, SortedMap<String, String>> known,
                     SortedMap<String, OpenComplaint> openComplaints, SortedMap<String, Promise> promises,
                     List<LastMoment> lastMoments, Integer lastInboundWaitSeconds, Instant lastBreachAt,
                     String lastBreachStandard, List<String> riskSigns, Instant atRiskSince) {

    /** The state of a customer of whom nothing is known yet. */
    static final BriefingState NONE = new BriefingState(null, null, null, BigDecimal.ZERO, 0, null, null, false, null,
            null, null, null, null, null, null, null, null, null, null, null);

    BriefingState {
        revenue = revenue == null ? BigDecimal.ZERO : revenue;
        consents = Collections.unmodifiableSortedSet(consents == null ? new TreeSet<>() : new TreeSet<>(consents));
        inboundChannels = inboundChannels == null ? Map.of() : Map.copyOf(inboundChannels);
        TreeMap<String, SortedMap<String, String>> knownByKind = new TreeMap<>();
        if (known != null) {
            known.forEach((kind, attributes) ->
                    knownByKind.put(kind, Collections.unmodifiableSortedMap(new TreeMap<>(attributes))));
        }
        known = Collections.unmodifiableSortedMap(knownByKind);
        openComplaints = Collections.unmodifiableSortedMap(
                openComplaints == null ? new TreeMap<>() : new TreeMap<>(openComplaints));
        promises = Collections.unmodifiableSortedMap(promises == null ? new TreeMap<>() : new TreeMap<>(promises));
        lastMoments = lastMoments == null ? List.of() : List.copyOf(lastMoments);
        riskSigns = riskSigns == null ? List.of() : List.copyOf(riskSigns);
    }

    /** A complaint still open, with where it stands. */
    public record OpenComplaint(String complaintId, String category, String severity, String state, Instant filedAt,
                         Instant acknowledgeBy, String proposal, Instant promisedBy) {
        OpenComplaint in(String newState) {
            return new OpenComplaint(complaintId, category, severity, newState, filedAt, acknowledgeBy, proposal,
                    promisedBy);
        }

        OpenComplaint proposed(String newState, String newProposal, Instant newPromisedBy) {
            return new OpenComplaint(complaintId, category, severity, newState, filedAt, acknowledgeBy, newProposal,
                    newPromisedBy);
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

    BriefingState moment(LastMoment moment) {
        return with(draft -> draft.lastMoments = LastMoments.with(lastMoments, moment, LastMoment::occurredAt));
    }

    BriefingState registered(String newName, String newEmail, String newPhone) {
        return with(draft -> {
            draft.name = newName;
            draft.email = newEmail;
            draft.phone = newPhone;
        });
    }

    /** What the customer told us, by kind and name; a special category's value is withheld from the agent. */
    BriefingState known(String kind, String attribute, String value, boolean specialCategory) {
        return with(draft -> draft.known.computeIfAbsent(kind, k -> new TreeMap<>())
                .put(attribute, specialCategory ? PersonalData.WITHHELD : value));
    }

    BriefingState declaredChannel(String channel) {
        return with(draft -> draft.declaredChannel = channel);
    }

    BriefingState consent(String channel, boolean granted) {
        return with(draft -> {
            if (granted) {
                draft.consents.add(channel);
            } else {
                draft.consents.remove(channel);
            }
        });
    }

    /** The customer contacted us on this channel, after waiting this long (if known). */
    BriefingState inbound(String channel, Integer waitSeconds) {
        return with(draft -> {
            draft.inboundChannels.merge(channel, 1, Integer::sum);
            draft.lastInboundWaitSeconds = waitSeconds;
        });
    }

    BriefingState complaintOpen(OpenComplaint complaint) {
        return with(draft -> draft.openComplaints.put(complaint.complaintId(), complaint));
    }

    /** A step in an open complaint's handling; nothing if the complaint is not open. */
    BriefingState complaint(String complaintId, UnaryOperator<OpenComplaint> step) {
        return with(draft -> draft.openComplaints.computeIfPresent(complaintId, (id, complaint) -> step.apply(complaint)));
    }

    BriefingState complaintResolved(String complaintId) {
        return with(draft -> {
            draft.openComplaints.remove(complaintId);
            draft.promises.remove(solution(complaintId));
        });
    }

    BriefingState promised(String key, Promise promise) {
        return with(draft -> draft.promises.put(key, promise));
    }

    BriefingState promiseKept(String key) {
        return with(draft -> draft.promises.remove(key));
    }

    BriefingState promiseOverdue(String key) {
        return with(draft -> draft.promises.computeIfPresent(key, (k, promise) -> promise.markedOverdue()));
    }

    BriefingState breached(Instant dueAt, String standard) {
        return with(draft -> {
            draft.lastBreachAt = dueAt;
            draft.lastBreachStandard = standard;
        });
    }

    BriefingState purchase(BigDecimal amount, Instant at) {
        return with(draft -> {
            draft.revenue = revenue.add(amount);
            draft.purchases++;
            draft.firstPurchaseAt = firstPurchaseAt == null || at.isBefore(firstPurchaseAt) ? at : firstPurchaseAt;
            draft.lastPurchaseAt = lastPurchaseAt == null || at.isAfter(lastPurchaseAt) ? at : lastPurchaseAt;
        });
    }

    /** A loss ends the at-risk watch, as the engine's watch ends it. */
    BriefingState lost(boolean isLost) {
        return with(draft -> {
            draft.lost = isLost;
            if (isLost) {
                draft.riskSigns = List.of();
                draft.atRiskSince = null;
            }
        });
    }

    /** The engine recorded the customer at risk, with these signs; since when is kept while they last. */
    BriefingState atRisk(List<String> signs, Instant at) {
        return with(draft -> {
            draft.atRiskSince = riskSigns.isEmpty() ? at : atRiskSince;
            draft.riskSigns = signs;
        });
    }

    BriefingState noLongerAtRisk() {
        return with(draft -> {
            draft.riskSigns = List.of();
            draft.atRiskSince = null;
        });
    }

    /** The customer was forgotten: no name, contact data, attributes or free text remain. */
    BriefingState erased() {
        return with(draft -> {
            draft.name = PersonalData.ERASED;
            draft.email = null;
            draft.phone = null;
            draft.known.clear();
            draft.declaredChannel = null;
            draft.openComplaints.replaceAll((id, c) -> c.proposed(c.state(), null, c.promisedBy()));
            draft.promises.replaceAll((key, p) -> new Promise(p.kind(), p.id(), p.dueAt(), null, p.channel(),
                    p.overdue()));
            draft.lastMoments = lastMoments.stream().map(m -> new LastMoment(m.occurredAt(), m.kind(), m.channel(),
                    m.valence(), null)).toList();
        });
    }

    /** The key of the promise of a complaint's agreed solution. */
    static String solution(String complaintId) {
        return "solution:" + complaintId;
    }

    /** The key of the promise of a follow-up. */
    static String followUp(String followUpId) {
        return "follow-up:" + followUpId;
    }

    private BriefingState with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.state();
    }

    /** A working copy of a state while one fact changes it. */
    private static final class Draft {
        String name;
        String email;
        String phone;
        BigDecimal revenue;
        int purchases;
        Instant firstPurchaseAt;
        Instant lastPurchaseAt;
        boolean lost;
        final SortedSet<String> consents;
        String declaredChannel;
        final Map<String, Integer> inboundChannels;
        final SortedMap<String, SortedMap<String, String>> known = new TreeMap<>();
        final SortedMap<String, OpenComplaint> openComplaints;
        final SortedMap<String, Promise> promises;
        List<LastMoment> lastMoments;
        Integer lastInboundWaitSeconds;
        Instant lastBreachAt;
        String lastBreachStandard;
        List<String> riskSigns;
        Instant atRiskSince;

        Draft(BriefingState state) {
            name = state.name;
            email = state.email;
            phone = state.phone;
            revenue = state.revenue;
            purchases = state.purchases;
            firstPurchaseAt = state.firstPurchaseAt;
            lastPurchaseAt = state.lastPurchaseAt;
            lost = state.lost;
            consents = new TreeSet<>(state.consents);
            declaredChannel = state.declaredChannel;
            inboundChannels = new HashMap<>(state.inboundChannels);
            state.known.forEach((kind, attributes) -> known.put(kind, new TreeMap<>(attributes)));
            openComplaints = new TreeMap<>(state.openComplaints);
            promises = new TreeMap<>(state.promises);
            lastMoments = state.lastMoments;
            lastInboundWaitSeconds = state.lastInboundWaitSeconds;
            lastBreachAt = state.lastBreachAt;
            lastBreachStandard = state.lastBreachStandard;
            riskSigns = state.riskSigns;
            atRiskSince = state.atRiskSince;
        }

        BriefingState state() {
            return new BriefingState(name, email, phone, revenue, purchases, firstPurchaseAt, lastPurchaseAt, lost,
                    consents, declaredChannel, inboundChannels, known, openComplaints, promises, lastMoments,
                    lastInboundWaitSeconds, lastBreachAt, lastBreachStandard, riskSigns, atRiskSince);
        }
    }
}
