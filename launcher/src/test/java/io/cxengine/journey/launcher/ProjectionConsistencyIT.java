package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengine.journey.benchmarks.JourneyGenerator;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.query.operations.Projections;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * After a random journey of a few thousand commands over many customers, every projection says what a plain fold of
 * the raw events says, number for number, before and after a full rebuild of every projection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionConsistencyIT extends EngineIntegration {

    static final int MIN_GROUP = 5;

    @Autowired
    JourneyCommands commands;
    @Autowired
    EventStore events;
    @Autowired
    Projections projections;

    @Test
    @DisplayName("every view equals the fold of the raw events, before and after rebuilding every projection")
    void viewsEqualTheFold() {
        JourneyGenerator journeys = new JourneyGenerator(20261123L, JourneyGenerator.CommandSink.inProcess(commands));
        List<CustomerId> customers = journeys.run(150, 3000);
        assertThat(journeys.recorded()).isGreaterThan(2000);
        assertThat(journeys.refused()).as("refusals are part of the mix").isPositive();

        awaitCaughtUp();
        ReferenceFold fold = fold();
        compare(fold, customers);

        Rebuilds.everyProjection(projections);
        awaitCaughtUp();
        compare(fold, customers);
    }

    private void awaitCaughtUp() {
        long head = events.createHeadToken().position().orElse(0);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                projections.names().forEach(name ->
                        assertThat(projections.status(name).position()).as(name).isGreaterThanOrEqualTo(head)));
    }

    private ReferenceFold fold() {
        ReferenceFold fold = new ReferenceFold();
        long head = events.createHeadToken().position().orElse(0);
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            long position = 0;
            while (position < head) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                position = message.trackingToken().position().orElse(position);
                if (message.getPayload() instanceof CustomerEvent event && message instanceof DomainEventMessage<?> domain) {
                    fold.apply(event, domain.getSequenceNumber());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return fold;
    }

    private void compare(ReferenceFold fold, List<CustomerId> customers) {
        Api api = new Api(port);
        for (CustomerId id : customers) {
            ReferenceFold.Customer expected = fold.customers.get(id.toString());
            String c = "/customers/" + id;
            JsonNode profile = api.get(c + "/profile").json();
            assertThat(profile.at("/value/purchases").asInt()).as("purchases of " + id).isEqualTo(expected.purchases);
            assertThat(profile.at("/value/revenue").decimalValue()).as("revenue of " + id)
                    .isEqualByComparingTo(expected.revenue);
            assertThat(profile.at("/relationshipBalance/total").asInt()).as("balance of " + id).isEqualTo(expected.balance);
            assertThat(profile.get("openComplaints").asInt()).as("open complaints of " + id)
                    .isEqualTo(expected.openComplaints.size());
            assertThat(profile.get("pendingFollowUps").asInt()).as("pending follow-ups of " + id)
                    .isEqualTo(expected.pendingFollowUps.size());
            Set<String> consents = new HashSet<>();
            profile.get("consents").forEach(node -> consents.add(node.asText()));
            assertThat(consents).as("consents of " + id).isEqualTo(expected.consents);
            assertThat(profile.get("status").asText().equals("LOST")).as("lost " + id).isEqualTo(expected.lost);
            assertThat(profile.get("version").asLong()).as("version of " + id).isEqualTo(expected.version);

            assertThat(api.get(c + "/timeline?limit=500").json().get("moments")).as("moments of " + id)
                    .hasSize(expected.moments);

            JsonNode briefing = api.get(c + "/briefing").json();
            assertThat(briefing.get("openComplaints")).as("briefing complaints of " + id)
                    .hasSize(expected.openComplaints.size());
            assertThat(briefing.get("promisesDue")).as("briefing promises of " + id)
                    .hasSize(expected.promisedFollowUps.size() + expected.promisedSolutions.size());

            Map<String, Object> lost = jdbc.sql("""
                            SELECT count(*) AS losses,
                                   (array_agg(stated_reason ORDER BY lost_at DESC))[1] AS stated,
                                   (array_agg(win_back_attempts ORDER BY lost_at DESC))[1] AS attempts
                              FROM read_model.lost_account WHERE customer_id = :c""")
                    .param("c", id.value()).query().singleRow();
            assertThat(((Number) lost.get("losses")).intValue()).as("losses of " + id).isEqualTo(expected.losses);
            if (expected.losses > 0) {
                assertThat(lost.get("stated")).as("stated reason of " + id).isEqualTo(expected.latestStatedReason);
                assertThat(((Number) lost.get("attempts")).intValue()).as("win-backs of " + id)
                        .isEqualTo(expected.latestWinBacks);
            }
        }

        Map<String, JsonNode> byCategory = groups(api.get("/analytics/complaints?by=category").json().get("groups"));
        assertThat(byCategory.keySet()).isEqualTo(fold.complaintsByCategory.keySet());
        fold.complaintsByCategory.forEach((category, count) -> assertGroup(byCategory.get(category), count, "count"));

        Map<String, JsonNode> byChannel = groups(api.get("/analytics/moments?by=channel").json().get("groups"));
        fold.momentsByChannel.forEach((channel, counts) -> {
            JsonNode group = byChannel.get(channel);
            assertGroup(group, counts[0], "moments");
            if (counts[0] >= MIN_GROUP) {
                assertThat(group.get("positive").asLong()).as("positive moments on " + channel).isEqualTo(counts[1]);
            }
        });

        Map<String, JsonNode> reasons = new TreeMap<>();
        api.get("/analytics/lost-account-reasons").json().get("reasons").forEach(r -> reasons.put(r.get("reason").asText(), r));
        fold.lossesByReason.forEach((reason, count) -> {
            if (!reasons.get(reason).get("suppressed").asBoolean()) {
                assertThat(reasons.get(reason).get("recorded").asLong()).as("losses for " + reason).isEqualTo(count);
            }
        });
        // Revealed: the losses listed one by one, each counted once per reference reason its revealed reasons point to.
        Map<String, Long> revealing = new TreeMap<>();
        long listed = 0;
        String next = null;
        do {
            JsonNode page = api.get("/lost-accounts?limit=500" + (next == null ? "" : "&cursor=" + next)).json();
            for (JsonNode loss : page.get("lostAccounts")) {
                listed++;
                loss.get("revealedReasons").findValuesAsText("reason").stream()
                        .map(revealed -> revealed.equals("SILENCE") ? "INDIFFERENCE" : "DISSATISFIED").distinct()
                        .forEach(reason -> revealing.merge(reason, 1L, Long::sum));
            }
            next = page.path("next").isTextual() ? page.get("next").asText() : null;
        } while (next != null);
        assertThat(listed).as("losses listed").isPositive();
        for (String reason : List.of("INDIFFERENCE", "DISSATISFIED")) {
            if (!reasons.get(reason).get("suppressed").asBoolean()) {
                assertThat(reasons.get(reason).get("revealed").asLong()).as("losses revealing " + reason)
                        .isEqualTo(revealing.getOrDefault(reason, 0L));
            }
        }
        for (String reason : List.of("COMPETITOR", "MOVED_AWAY", "DIED")) {
            assertThat(reasons.get(reason).path("revealed").isNull()).as(reason + " is never revealed").isTrue();
        }

        JsonNode handlingTimes = api.get("/analytics/complaint-handling").json().get("overall");
        assertThat(handlingTimes.get("complaints").asLong()).isEqualTo(
                fold.complaintsByCategory.values().stream().mapToLong(Long::longValue).sum());
        assertThat(handlingTimes.get("acknowledgeHoursP50").asDouble())
                .isCloseTo(ReferenceFold.percentile(fold.hoursToAcknowledge, 0.5), within(0.01));
        assertThat(handlingTimes.get("acknowledgeHoursP90").asDouble())
                .isCloseTo(ReferenceFold.percentile(fold.hoursToAcknowledge, 0.9), within(0.01));
        assertThat(handlingTimes.get("resolveHoursP50").asDouble())
                .isCloseTo(ReferenceFold.percentile(fold.hoursToResolve, 0.5), within(0.01));
        assertThat(handlingTimes.get("resolveHoursP90").asDouble())
                .isCloseTo(ReferenceFold.percentile(fold.hoursToResolve, 0.9), within(0.01));

        java.time.Instant now = java.time.Instant.now();
        Map<String, JsonNode> standards = new TreeMap<>();
        api.get("/analytics/service-standards").json().get("standards")
                .forEach(s -> standards.put(s.get("standard").asText(), s));
        Map<String, JsonNode> byMonth = new TreeMap<>();
        api.get("/analytics/service-standards?by=month").json().get("standards")
                .forEach(s -> byMonth.put(s.get("standard").asText() + " " + s.get("month").asText(), s));
        java.time.Instant answered = java.time.Instant.now();
        // A clock that fell due while the engine answered is counted by one answer and not the fold: not compared.
        assertThat(fold.clocks.values().stream().flatMap(java.util.Collection::stream)
                .filter(due -> due.isAfter(now) && !due.isAfter(answered)).count())
                .as("clocks falling due during the reads (the generated clocks are long expired)").isZero();
        fold.clocks.forEach((standard, dues) -> {
            long breached = fold.breaches.getOrDefault(standard, 0L);
            long decided = dues.stream().filter(due -> !due.isAfter(now)).count();
            if (decided >= MIN_GROUP && standards.containsKey(standard)) {
                assertThat(standards.get(standard).get("decided").asLong()).as("decided " + standard).isEqualTo(decided);
                assertThat(standards.get(standard).get("breached").asLong()).as("breached " + standard).isEqualTo(breached);
                assertThat(standards.get(standard).get("missed").asLong()).as("missed " + standard)
                        .isEqualTo(fold.missed(standard, now));
            }
        });

        // Over time: the clocks due per standard and month (UTC) that have come due, folded from the events.
        Map<String, Long> decidedByMonth = new TreeMap<>();
        fold.clocks.forEach((standard, dues) -> dues.stream().filter(due -> !due.isAfter(now))
                .filter(due -> standards.containsKey(standard)).forEach(due ->
                decidedByMonth.merge(standard + " " + java.time.YearMonth.from(due.atZone(java.time.ZoneOffset.UTC)),
                        1L, Long::sum)));
        assertThat(byMonth.keySet()).as("standards and months").containsAll(decidedByMonth.keySet());
        decidedByMonth.forEach((group, decided) -> {
            JsonNode answer = byMonth.get(group);
            String standard = group.substring(0, group.indexOf(' ') + 1);
            if (decided < MIN_GROUP) {
                assertThat(answer.get("suppressed").asBoolean()).as(group + " is small").isTrue();
            } else if (answer.get("suppressed").asBoolean()) {
                // Suppressed beside a small month of its standard, so that the total does not give that one back.
                assertThat(decidedByMonth.entrySet().stream().anyMatch(other -> other.getKey().startsWith(standard)
                        && other.getValue() < MIN_GROUP)).as(group + " suppressed beside a small month").isTrue();
            } else {
                assertThat(answer.get("decided").asLong()).as(group).isEqualTo(decided);
            }
        });

        Map<String, long[]> retention = new TreeMap<>();
        fold.customers.values().forEach(customer -> {
            long[] counts = retention.computeIfAbsent(ReferenceFold.handling(customer, Duration.ofHours(48)), k -> new long[2]);
            counts[0]++;
            if (!customer.lost) {
                counts[1]++;
            }
        });
        Map<String, JsonNode> retained = groups(api.get("/analytics/retention").json().get("groups"));
        assertThat(retained.keySet()).isEqualTo(retention.keySet());
        retention.forEach((handling, counts) -> {
            assertGroup(retained.get(handling), counts[0], "customers");
            if (counts[0] >= MIN_GROUP) {
                assertThat(retained.get(handling).get("retained").asLong()).as("retained " + handling).isEqualTo(counts[1]);
            }
        });
        compareRecovery(fold);
        compareConversations(fold);
    }

    /** Recovery per category: resolved complaints, those whose customer stayed, and satisfaction before and after. */
    private void compareRecovery(ReferenceFold fold) {
        Map<String, List<ReferenceFold.Recovered>> byCategory = new TreeMap<>();
        fold.recovered().forEach(k -> byCategory.computeIfAbsent(k.category(), c -> new java.util.ArrayList<>()).add(k));
        Map<String, JsonNode> answered = groups(api.get("/analytics/recovery?by=category").json().get("groups"));
        assertThat(answered.keySet()).isEqualTo(byCategory.keySet());
        byCategory.forEach((category, resolved) -> {
            JsonNode group = answered.get(category);
            long customers = resolved.stream().map(ReferenceFold.Recovered::customer).distinct().count();
            if (customers < MIN_GROUP) {
                assertThat(group.get("suppressed").asBoolean()).as(category + " is small").isTrue();
                return;
            }
            assertThat(group.get("resolved").asLong()).as("resolved " + category).isEqualTo(resolved.size());
            assertThat(group.get("stayed").asLong()).as("stayed " + category)
                    .isEqualTo(resolved.stream().filter(ReferenceFold.Recovered::stayed).count());
            List<ReferenceFold.Recovered> paired = resolved.stream()
                    .filter(k -> k.baseline() != null && k.after() != null).toList();
            if (paired.stream().map(ReferenceFold.Recovered::customer).distinct().count() < MIN_GROUP) {
                assertThat(group.get("baseline").isNull()).as("baseline of few customers " + category).isTrue();
                return;
            }
            assertThat(group.get("paired").asLong()).as("paired " + category).isEqualTo(paired.size());
            assertThat(group.get("baseline").asDouble()).as("baseline " + category).isCloseTo(
                    paired.stream().mapToDouble(ReferenceFold.Recovered::baseline).average().orElseThrow(),
                    within(0.00006));
            assertThat(group.get("after").asDouble()).as("after " + category).isCloseTo(
                    paired.stream().mapToDouble(ReferenceFold.Recovered::after).average().orElseThrow(),
                    within(0.00006));
        });
        assertThat(byCategory.values().stream().mapToLong(List::size).sum()).as("resolved complaints in the fold")
                .isPositive();
    }

    /** Conversations per agent of their first contact with one, and agents' notes against the phrases to avoid. */
    private void compareConversations(ReferenceFold fold) {
        String[] stages = {"GREETING", "UNDERSTANDING", "AGREEING", "DELIVERING", "CLOSING"};
        Map<String, long[]> byAgent = new TreeMap<>(); // conversations, closed, reached x5, skipped x4
        Map<String, Set<String>> customersByAgent = new TreeMap<>();
        fold.conversations.forEach((key, contacts) -> {
            List<ReferenceFold.Contact> ordered = contacts.stream().sorted(java.util.Comparator
                    .comparing(ReferenceFold.Contact::at).thenComparing(ReferenceFold.Contact::touchpointId)).toList();
            String agent = ordered.stream().map(ReferenceFold.Contact::agent).filter(java.util.Objects::nonNull)
                    .findFirst().orElse("UNKNOWN");
            Set<String> reached = new HashSet<>();
            ordered.forEach(contact -> reached.add(contact.stage()));
            long[] counts = byAgent.computeIfAbsent(agent, k -> new long[11]);
            customersByAgent.computeIfAbsent(agent, k -> new HashSet<>()).add(key.substring(0, key.indexOf(' ')));
            counts[0]++;
            for (int i = 0; i < stages.length; i++) {
                if (reached.contains(stages[i])) {
                    counts[2 + i]++;
                } else if (i < 4) {
                    boolean later = false;
                    for (int j = i + 1; j < stages.length; j++) {
                        later |= reached.contains(stages[j]);
                    }
                    counts[7 + i] += later ? 1 : 0;
                }
            }
            counts[1] = counts[6];
        });
        Map<String, JsonNode> answered = groups(api.get("/analytics/conversations?by=agent").json().get("groups"));
        assertThat(answered.keySet()).isEqualTo(byAgent.keySet());
        assertThat(byAgent).as("conversations in the fold").isNotEmpty();
        byAgent.forEach((agent, counts) -> {
            JsonNode group = answered.get(agent);
            if (customersByAgent.get(agent).size() < MIN_GROUP) {
                assertThat(group.get("suppressed").asBoolean()).as(agent + " is small").isTrue();
                return;
            }
            assertThat(group.get("conversations").asLong()).as("conversations of " + agent).isEqualTo(counts[0]);
            assertThat(group.get("closed").asLong()).as("closed by " + agent).isEqualTo(counts[1]);
            for (int i = 0; i < stages.length; i++) {
                assertThat(group.at("/reached/" + stages[i]).asLong()).as(agent + " reached " + stages[i])
                        .isEqualTo(counts[2 + i]);
                if (i < 4) {
                    assertThat(group.at("/skipped/" + stages[i]).asLong()).as(agent + " skipped " + stages[i])
                            .isEqualTo(counts[7 + i]);
                }
            }
        });

        // By the category of a complaint filed about a contact of theirs (the first by name), else NONE.
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Set<String>> categoryCustomers = new TreeMap<>();
        fold.conversations.keySet().forEach(key -> {
            String category = fold.conversationCategories.getOrDefault(key, new java.util.TreeSet<>()).stream()
                    .findFirst().orElse("NONE");
            byCategory.merge(category, 1L, Long::sum);
            categoryCustomers.computeIfAbsent(category, k -> new HashSet<>()).add(key.substring(0, key.indexOf(' ')));
        });
        Map<String, JsonNode> categories = groups(api.get("/analytics/conversations?by=category").json().get("groups"));
        assertThat(categories.keySet()).isEqualTo(byCategory.keySet());
        byCategory.forEach((category, count) -> {
            if (categoryCustomers.get(category).size() >= MIN_GROUP) {
                assertThat(categories.get(category).get("conversations").asLong()).as("conversations about " + category)
                        .isEqualTo(count);
            }
        });

        Map<String, long[]> notes = new TreeMap<>(); // checked, using any
        Map<String, Map<String, Long>> uses = new TreeMap<>();
        Map<String, Set<String>> noteCustomers = new TreeMap<>();
        fold.notes.forEach(note -> {
            long[] counts = notes.computeIfAbsent(note.agent(), k -> new long[2]);
            counts[0]++;
            counts[1] += note.uses().isEmpty() ? 0 : 1;
            noteCustomers.computeIfAbsent(note.agent(), k -> new HashSet<>()).add(note.customer());
            note.uses().forEach((phrase, count) -> uses.computeIfAbsent(note.agent(), k -> new TreeMap<>())
                    .merge(phrase, (long) count, Long::sum));
        });
        Map<String, JsonNode> agents = new TreeMap<>();
        api.get("/analytics/phrases-to-avoid").json().get("agents").forEach(a -> agents.put(a.get("agent").asText(), a));
        assertThat(agents.keySet()).isEqualTo(notes.keySet());
        notes.forEach((agent, counts) -> {
            JsonNode answer = agents.get(agent);
            if (noteCustomers.get(agent).size() < MIN_GROUP) {
                assertThat(answer.get("suppressed").asBoolean()).isTrue();
                return;
            }
            assertThat(answer.get("notesChecked").asLong()).as("notes of " + agent).isEqualTo(counts[0]);
            assertThat(answer.get("notesUsingAny").asLong()).as("notes of " + agent + " using any").isEqualTo(counts[1]);
            Map<String, Long> answeredUses = new TreeMap<>();
            answer.get("uses").fields().forEachRemaining(use -> answeredUses.put(use.getKey(), use.getValue().asLong()));
            assertThat(answeredUses).as("uses by " + agent).isEqualTo(uses.getOrDefault(agent, Map.of()));
        });
    }

    private static void assertGroup(JsonNode group, long expected, String field) {
        assertThat(group).isNotNull();
        if (expected < MIN_GROUP) {
            assertThat(group.get("suppressed").asBoolean()).as(group.toString()).isTrue();
            assertThat(group.get(field).isNull()).isTrue();
        } else {
            assertThat(group.get(field).asLong()).as(group.toString()).isEqualTo(expected);
        }
    }

    private static Map<String, JsonNode> groups(JsonNode groups) {
        Map<String, JsonNode> byName = new TreeMap<>();
        groups.forEach(group -> byName.put(group.get("group").asText(), group));
        return byName;
    }
}
