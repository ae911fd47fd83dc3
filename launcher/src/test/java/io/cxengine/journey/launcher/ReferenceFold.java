package io.cxengine.journey.launcher;

import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.Valence;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The views' numbers as a plain fold of the raw events says they must be: written apart from the projections, so that
 * a projection bug shows up as a difference.
 */
final class ReferenceFold {

    /** What the fold knows of one customer. */
    static final class Customer {
        int purchases;
        BigDecimal revenue = BigDecimal.ZERO;
        int balance;
        int moments;
        long version;
        boolean lost;
        int losses;
        String latestStatedReason;
        int latestWinBacks;
        final Set<String> consents = new HashSet<>();
        final Set<String> openComplaints = new HashSet<>();
        final Map<String, Instant> filedAt = new HashMap<>();
        final Map<String, Instant> firstResolvedAt = new HashMap<>();
        final Set<String> pendingFollowUps = new HashSet<>();
        final Set<String> promisedFollowUps = new HashSet<>();
        final Set<String> promisedSolutions = new HashSet<>();
        /** CSAT and NPS answers: when, and the score on 0..1. */
        final java.util.List<Map.Entry<Instant, Double>> surveys = new java.util.ArrayList<>();
        final java.util.List<Instant> lostAt = new java.util.ArrayList<>();
    }

    /** One contact of a conversation, as the fold sees it. */
    record Contact(Instant at, String touchpointId, String agent, String channel, String valence, String stage) {
    }

    /** One contact with a checked note: its agent, its customer, and the uses of each phrase to avoid. */
    record Note(String agent, String customer, Map<String, Integer> uses) {
    }

    /** One complaint, for recovery: its category, the channel of its touchpoint, when filed and first resolved. */
    record Complaint(String customer, String category, String channel, Instant filedAt, Instant[] firstResolvedAt) {
    }

    /**
     * One resolved complaint read against its customer: the mean of their answers before it was filed, their first
     * answer after its first resolution, and whether no loss followed that resolution.
     */
    record Recovered(String customer, String category, String channel, Double baseline, Double after, boolean stayed) {
    }

    /**
     * One clock as the fold sees it: kept if the fact that stops it happened by its due time; missed if it was breached,
     * or if its due time passed without such a stop (whether or not the breach is recorded yet).
     */
    static final class ServiceClock {
        final String customer;
        final String standard;
        final String subject;
        final Instant startedAt;
        final Instant due;
        Instant stoppedAt;
        boolean breached;

        ServiceClock(String customer, String standard, String subject, Instant startedAt, Instant due) {
            this.customer = customer;
            this.standard = standard;
            this.subject = subject;
            this.startedAt = startedAt;
            this.due = due;
        }

        boolean decided(Instant now) {
            return !due.isAfter(now) || breached;
        }

        boolean missed() {
            return breached || stoppedAt == null || stoppedAt.isAfter(due);
        }
    }

    final Map<String, Customer> customers = new HashMap<>();
    final Map<String, Complaint> complaints = new java.util.LinkedHashMap<>();
    private final Map<String, String> touchpointChannels = new HashMap<>();
    /** Conversations: customer and conversation id → their contacts. */
    final Map<String, java.util.List<Contact>> conversations = new TreeMap<>();
    /** The conversation (customer and id) each touchpoint of one belongs to. */
    private final Map<String, String> conversationOf = new HashMap<>();
    /** Conversation → the categories of complaints filed about its contacts. */
    final Map<String, java.util.TreeSet<String>> conversationCategories = new HashMap<>();
    final java.util.List<Note> notes = new java.util.ArrayList<>();
    final Map<String, Long> complaintsByCategory = new TreeMap<>();
    final Map<String, long[]> momentsByChannel = new TreeMap<>();
    final Map<String, Long> lossesByReason = new TreeMap<>();
    /** Service-standard clocks: standard → due times (a clock is decided once its due time has passed). */
    final Map<String, java.util.List<Instant>> clocks = new TreeMap<>();
    final Map<String, Long> breaches = new TreeMap<>();
    /** Every service-standard clock with its stop and breach, to count the missed ones. */
    final java.util.List<ServiceClock> serviceClocks = new java.util.ArrayList<>();
    /** Hours from filing to the first acknowledgement, and to the first resolution, over all complaints. */
    final java.util.List<Double> hoursToAcknowledge = new java.util.ArrayList<>();
    final java.util.List<Double> hoursToResolve = new java.util.ArrayList<>();
    private final Map<String, Instant> filed = new HashMap<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final Set<String> resolvedOnce = new HashSet<>();

    void apply(CustomerEvent event, long sequence) {
        Customer c = customers.computeIfAbsent(event.customerId().toString(), id -> new Customer());
        c.version = Math.max(c.version, sequence);
        Integer weight = weight(event);
        if (!(event instanceof CustomerRegistered || event instanceof AttributeRecorded
                || event instanceof ConsentGranted || event instanceof ConsentWithdrawn
                || event instanceof PersonalDataErased || event instanceof CustomerAtRisk
                || event instanceof CustomerNoLongerAtRisk)) {
            c.moments++;
        }
        if (weight != null) {
            c.balance += weight;
        }
        channel(event).ifPresent(channel -> {
            if (weight != null) {
                long[] counts = momentsByChannel.computeIfAbsent(channel.name(), k -> new long[2]);
                counts[0]++;
                if (weight > 0) {
                    counts[1]++;
                }
            }
        });
        String customer = event.customerId().toString();
        if (event instanceof TouchpointRecorded e) {
            touchpointChannels.put(e.touchpointId().toString(), e.channel().name());
            if (e.conversationId() != null) {
                String key = customer + " " + e.conversationId();
                conversationOf.put(e.touchpointId().toString(), key);
                conversations.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(new Contact(e.occurredAt(),
                        e.touchpointId().toString(), e.agentId(), e.channel().name(), e.valence().name(),
                        e.stage() == null ? null : e.stage().name()));
            }
            if (e.phrasesToAvoid() != null) {
                Map<String, Integer> uses = new TreeMap<>();
                e.phrasesToAvoid().forEach((phrase, count) -> uses.put(phrase.name(), count));
                notes.add(new Note(e.agentId() == null ? "UNKNOWN" : e.agentId(), customer, uses));
            }
        }
        if (event instanceof ComplaintFiled e && e.touchpointId() != null
                && conversationOf.containsKey(e.touchpointId().toString())) {
            conversationCategories.computeIfAbsent(conversationOf.get(e.touchpointId().toString()),
                    k -> new java.util.TreeSet<>()).add(e.category().name());
        }
        if (event instanceof ComplaintFiled e) {
            complaints.putIfAbsent(e.complaintId().toString(), new Complaint(customer, e.category().name(),
                    e.touchpointId() == null ? null : touchpointChannels.get(e.touchpointId().toString()),
                    e.occurredAt(), new Instant[1]));
        } else if (event instanceof ComplaintResolved e && complaints.containsKey(e.complaintId().toString())) {
            Instant[] resolved = complaints.get(e.complaintId().toString()).firstResolvedAt();
            resolved[0] = resolved[0] == null ? e.occurredAt() : resolved[0];
        } else if (event instanceof SatisfactionMeasured e && e.kind() != SurveyKind.LOST_ACCOUNT && e.score() != null) {
            c.surveys.add(Map.entry(e.occurredAt(), e.kind().scaled(e.score())));
        } else if (event instanceof AccountLost e) {
            c.lostAt.add(e.occurredAt());
        }
        if (event instanceof TouchpointRecorded e) {
            // An outbound call or e-mail answers every clock of its standard that was running when it happened.
            if (e.stopsClocks() != null) {
                serviceClocks.stream()
                        .filter(clock -> clock.customer.equals(customer) && clock.standard.equals(e.stopsClocks().name())
                                && !clock.startedAt.isAfter(e.occurredAt()) && clock.stoppedAt == null
                                && !clock.breached)
                        .forEach(clock -> clock.stoppedAt = e.occurredAt());
            }
        } else if (event instanceof ComplaintAcknowledged e) {
            stop(customer, "COMPLAINT_ACKNOWLEDGEMENT", e.complaintId().toString(), e.occurredAt());
        } else if (event instanceof ComplaintResolved e) {
            stop(customer, "COMPLAINT_ACKNOWLEDGEMENT", e.complaintId().toString(), e.occurredAt());
            stop(customer, "PROMISED_SOLUTION", e.complaintId().toString(), e.occurredAt());
        } else if (event instanceof FollowUpCompleted e) {
            stop(customer, "FOLLOW_UP", e.followUpId().toString(), e.occurredAt());
        }
        // Three rings: a call judged when recorded is a clock from its arrival, stopped when answered (after the wait).
        if (event instanceof TouchpointRecorded e && e.answerWithinSeconds() != null) {
            clock(customer, "PHONE_ANSWER", e.touchpointId().toString(), e.occurredAt(),
                    e.occurredAt().plusSeconds(e.answerWithinSeconds())).stoppedAt =
                    e.occurredAt().plusSeconds(e.waitSeconds()); // written apart from answerDueAt(): a fold of its own
        } else if (event instanceof PurchaseRecorded e && e.fulfilBy() != null) {
            clock(customer, "ORDER_FULFILMENT", e.orderId(), e.occurredAt(), e.fulfilBy());
        } else if (event instanceof OrderFulfilled e) {
            stop(customer, "ORDER_FULFILMENT", e.orderId(), e.occurredAt());
        }
        if (event instanceof ComplaintFiled e) {
            clock(customer, "COMPLAINT_ACKNOWLEDGEMENT", e.complaintId().toString(), e.occurredAt(), e.acknowledgeBy());
            filed.put(e.complaintId().toString(), e.occurredAt());
        } else if (event instanceof TouchpointRecorded e && e.startsClock() != null) {
            clock(customer, e.startsClock().name(), e.touchpointId().toString(), e.occurredAt(), e.replyDueBy());
        } else if (event instanceof FollowUpScheduled e) {
            clock(customer, "FOLLOW_UP", e.followUpId().toString(), e.occurredAt(), e.dueAt());
        } else if (event instanceof SolutionAgreed e && e.promisedBy() != null) {
            clock(customer, "PROMISED_SOLUTION", e.complaintId().toString(), e.occurredAt(), e.promisedBy());
        } else if (event instanceof ServiceStandardBreached e) {
            breaches.merge(e.standard().name(), 1L, Long::sum);
            ServiceClock breached = serviceClocks.stream()
                    .filter(clock -> clock.customer.equals(customer) && clock.standard.equals(e.standard().name())
                            && clock.subject.equals(e.subject()) && clock.startedAt.equals(e.startedAt()))
                    .findFirst().orElse(null);
            if (breached == null) {
                breached = clock(customer, e.standard().name(), e.subject(), e.startedAt(), e.dueAt());
            }
            breached.breached = true;
        } else if (event instanceof ComplaintAcknowledged e && acknowledged.add(e.complaintId().toString())) {
            hoursToAcknowledge.add(hours(filed.get(e.complaintId().toString()), e.occurredAt()));
        } else if (event instanceof ComplaintResolved e && resolvedOnce.add(e.complaintId().toString())) {
            hoursToResolve.add(hours(filed.get(e.complaintId().toString()), e.occurredAt()));
        }
        if (event instanceof ConsentGranted e) {
            c.consents.add(e.channel().name());
        } else if (event instanceof ConsentWithdrawn e) {
            c.consents.remove(e.channel().name());
        } else if (event instanceof ComplaintFiled e) {
            c.openComplaints.add(e.complaintId().toString());
            c.filedAt.put(e.complaintId().toString(), e.occurredAt());
            complaintsByCategory.merge(e.category().name(), 1L, Long::sum);
        } else if (event instanceof ComplaintReopened e) {
            c.openComplaints.add(e.complaintId().toString());
        } else if (event instanceof ComplaintResolved e) {
            c.openComplaints.remove(e.complaintId().toString());
            c.firstResolvedAt.putIfAbsent(e.complaintId().toString(), e.occurredAt());
            c.promisedSolutions.remove(e.complaintId().toString());
        } else if (event instanceof SolutionAgreed e && e.promisedBy() != null) {
            c.promisedSolutions.add(e.complaintId().toString());
        } else if (event instanceof FollowUpScheduled e) {
            c.pendingFollowUps.add(e.followUpId().toString());
            c.promisedFollowUps.add(e.followUpId().toString());
        } else if (event instanceof FollowUpCompleted e) {
            c.pendingFollowUps.remove(e.followUpId().toString());
            c.promisedFollowUps.remove(e.followUpId().toString());
        } else if (event instanceof FollowUpMissed e) {
            c.pendingFollowUps.remove(e.followUpId().toString());
        } else if (event instanceof PurchaseRecorded e) {
            c.purchases++;
            c.revenue = c.revenue.add(e.amount().amount());
        } else if (event instanceof AccountLost e) {
            c.lost = true;
            c.losses++;
            c.latestStatedReason = null;
            c.latestWinBacks = 0;
            lossesByReason.merge(e.reason().name(), 1L, Long::sum);
        } else if (event instanceof AccountReactivated) {
            c.lost = false;
        } else if (event instanceof WinBackAttempted) {
            c.latestWinBacks++;
        } else if (event instanceof SatisfactionMeasured e && e.kind() == SurveyKind.LOST_ACCOUNT
                && e.statedReason() != null) {
            c.latestStatedReason = e.statedReason().name();
        }
    }

    private ServiceClock clock(String customer, String standard, String subject, Instant startedAt, Instant due) {
        ServiceClock clock = new ServiceClock(customer, standard, subject, startedAt, due);
        if (serviceClocks.stream().noneMatch(known -> known.customer.equals(customer)
                && known.standard.equals(standard) && known.subject.equals(subject)
                && known.startedAt.equals(startedAt))) {
            clocks.computeIfAbsent(standard, k -> new java.util.ArrayList<>()).add(due);
            serviceClocks.add(clock);
        }
        return clock;
    }

    private void stop(String customer, String standard, String subject, Instant at) {
        serviceClocks.stream()
                .filter(clock -> clock.customer.equals(customer) && clock.standard.equals(standard)
                        && clock.subject.equals(subject) && clock.stoppedAt == null)
                .forEach(clock -> clock.stoppedAt = at);
    }

    /** Every complaint resolved, against its customer's answers and losses. */
    java.util.List<Recovered> recovered() {
        java.util.List<Recovered> all = new java.util.ArrayList<>();
        complaints.values().stream().filter(k -> k.firstResolvedAt()[0] != null).forEach(k -> {
            Customer c = customers.get(k.customer());
            Instant resolved = k.firstResolvedAt()[0];
            Double baseline = c.surveys.stream().filter(answer -> answer.getKey().isBefore(k.filedAt()))
                    .mapToDouble(Map.Entry::getValue).average().stream().boxed().findFirst().orElse(null);
            Double after = c.surveys.stream().filter(answer -> answer.getKey().isAfter(resolved))
                    .min(Map.Entry.comparingByKey()).map(Map.Entry::getValue).orElse(null);
            boolean stayed = c.lostAt.stream().noneMatch(lost -> lost.isAfter(resolved));
            all.add(new Recovered(k.customer(), k.category(), k.channel(), baseline, after, stayed));
        });
        return all;
    }

    /** The clocks of a standard that were missed among those decided by {@code now}. */
    long missed(String standard, Instant now) {
        return serviceClocks.stream()
                .filter(clock -> clock.standard.equals(standard) && clock.decided(now) && clock.missed())
                .count();
    }

    private static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 3_600_000.0;
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
    static Double percentile(java.util.List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        java.util.List<Double> sorted = new java.util.ArrayList<>(values);
        java.util.Collections.sort(sorted);
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        return sorted.get(below) + (sorted.get(above) - sorted.get(below)) * (rank - below);
    }

    /** The customer's complaint handling: NEVER_COMPLAINED, NEVER_RESOLVED, RESOLVED_QUICKLY or RESOLVED_SLOWLY. */
    static String handling(Customer c, Duration quick) {
        if (c.filedAt.isEmpty()) {
            return "NEVER_COMPLAINED";
        }
        if (!c.openComplaints.isEmpty()) {
            return "NEVER_RESOLVED";
        }
        boolean slow = c.filedAt.entrySet().stream().anyMatch(filed ->
                Duration.between(filed.getValue(), c.firstResolvedAt.get(filed.getKey())).compareTo(quick) > 0);
        return slow ? "RESOLVED_SLOWLY" : "RESOLVED_QUICKLY";
    }

    private static Integer weight(CustomerEvent event) {
        if (event instanceof TouchpointRecorded e) {
            return e.valence().weight();
        }
        if (event instanceof FollowUpCompleted e) {
            return e.valence().weight();
        }
        if (event instanceof SatisfactionMeasured e) {
            if (e.score() == null) {
                return e.kind() == SurveyKind.LOST_ACCOUNT ? -1 : 0;
            }
            boolean nps = e.kind() == SurveyKind.NPS;
            int score = e.score();
            return nps ? (score >= 9 ? 1 : score <= 6 ? -1 : 0) : (score >= 4 ? 1 : score <= 2 ? -1 : 0);
        }
        if (event instanceof ComplaintFiled || event instanceof ComplaintReopened || event instanceof FollowUpMissed
                || event instanceof ServiceStandardBreached || event instanceof AccountLost) {
            return -1;
        }
        if (event instanceof SolutionAgreed || event instanceof ComplaintResolved || event instanceof AccountReactivated) {
            return 1;
        }
        if (event instanceof ComplaintAcknowledged || event instanceof SolutionProposed || event instanceof ApologyIssued
                || event instanceof FollowUpScheduled || event instanceof WinBackAttempted) {
            return 0;
        }
        return null;
    }

    private static java.util.Optional<Channel> channel(CustomerEvent event) {
        if (event instanceof TouchpointRecorded e) {
            return java.util.Optional.of(e.channel());
        }
        if (event instanceof FollowUpScheduled e) {
            return java.util.Optional.of(e.channel());
        }
        if (event instanceof WinBackAttempted e) {
            return java.util.Optional.of(e.channel());
        }
        return java.util.Optional.empty();
    }

    static int positive(Valence valence) {
        return valence == Valence.POSITIVE ? 1 : 0;
    }
}
