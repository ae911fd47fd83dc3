package io.cxengine.journey.query.operations;

import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.platform.projection.ProcessingNodeId;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shares each projection's segments fairly among the query nodes that run it. Axon's pooled processor claims every
 * segment it can: the first node to start would keep them all. So every node says, every
 * {@value #INTERVAL_SECONDS} seconds, which processing groups it runs ({@code processing_node}); and a node holding
 * more than its fair share of a group (its segments divided by the nodes seen within the token claim timeout, rounded
 * up) releases the surplus for a few seconds, in which the others claim it. A node that dies is no longer seen once
 * the claim timeout has passed, its claims expire at the same time, and the survivors' fair shares grow to take its
 * segments; a node that stops cleanly says so at once. Nothing is balanced while a rebuild runs on this node.
 */
@Component
class SegmentBalancer {

    static final int INTERVAL_SECONDS = 2;
    /** How long a released segment is left for the other nodes to claim. */
    static final Duration RELEASE = Duration.ofSeconds(5);
    /** A node counts while it said so within three of its intervals: less than the claim timeout (10 s by default). */
    static final Duration ALIVE = Duration.ofSeconds(3L * INTERVAL_SECONDS);
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final EventProcessingConfiguration processing;
    private final Projections projections;
    private final JdbcClient jdbc;
    private final ProcessingNodeId node;
    /** How recently a node must have said so to count: {@link #ALIVE}, or less if the claim timeout is shorter. */
    private final Duration alive;
    private final ScheduledExecutorService balancing = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("segment-balancer"));

    SegmentBalancer(EventProcessingConfiguration processing, Projections projections, JdbcClient jdbc,
                    ProcessingNodeId node, TokenStoreProperties tokenStore) {
        this.processing = processing;
        this.projections = projections;
        this.jdbc = jdbc;
        this.node = node;
        Duration shorter = tokenStore.getClaimTimeout().multipliedBy(4).dividedBy(5);
        this.alive = ALIVE.compareTo(shorter) < 0 ? ALIVE : shorter;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        balancing.scheduleWithFixedDelay(this::balanceQuietly, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        balancing.shutdownNow();
        try {
            jdbc.sql("DELETE FROM processing_node WHERE node_id = :node").param("node", node.value()).update();
        } catch (RuntimeException gone) {
            log.debug("Could not say this node stopped; it ages out after the claim timeout", gone);
        }
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException failed) {
            log.warn("Could not balance the projections' segments this time: {}", failed.toString());
        }
    }

    /**
     * Says which groups this node runs, then releases what it holds beyond its fair share of each, as far as the other
     * nodes that run the group hold less than theirs (so that a released segment has somewhere to go). Times are the
     * database's, so the nodes' clocks need not agree; a node counts while it was seen within {@link #ALIVE}, shorter
     * than the claim timeout, so that a dead node is no longer counted by the time its claims expire.
     */
    void balance() {
        Map<String, StreamingEventProcessor> running = processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor processor && processor.isRunning())
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue()));
        if (running.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO processing_node (processor_name, node_id, seen_at)
                        SELECT name, :node, now() FROM unnest(CAST(:names AS VARCHAR[])) AS name
                        ON CONFLICT (processor_name, node_id) DO UPDATE SET seen_at = EXCLUDED.seen_at""")
                .param("names", running.keySet().toArray(String[]::new)).param("node", node.value()).update();
        if (projections.rebuildStatus().filter(RebuildStatus::running).isPresent()) {
            return;
        }
        // Every group's live nodes, and every group's segments by owner (none: unclaimed), in two round trips.
        Map<String, List<String>> nodes = jdbc.sql("""
                        SELECT processor_name, node_id FROM processing_node
                         WHERE seen_at > now() - make_interval(secs => :alive)""")
                .param("alive", alive.toMillis() / 1000.0)
                .query((row, index) -> Map.entry(row.getString("processor_name"), row.getString("node_id"))).list()
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Map<String, Map<String, Long>> held = new HashMap<>();
        jdbc.sql("SELECT processor_name, coalesce(owner, '') AS owner, count(*) AS held FROM token_entry GROUP BY 1, 2")
                .query((row, index) -> held.computeIfAbsent(row.getString("processor_name"), name -> new HashMap<>())
                        .put(row.getString("owner"), row.getLong("held")))
                .list();
        for (Map.Entry<String, StreamingEventProcessor> group : running.entrySet()) {
            String name = group.getKey();
            List<String> live = nodes.getOrDefault(name, List.of());
            Map<String, Long> owners = held.getOrDefault(name, Map.of());
            long segments = owners.values().stream().mapToLong(Long::longValue).sum();
            List<Integer> mine = group.getValue().processingStatus().keySet().stream().sorted().toList();
            long fair = fairShare(segments, live.size());
            long wanted = live.stream().filter(other -> !other.equals(node.value()))
                    .mapToLong(other -> Math.max(0, fair - owners.getOrDefault(other, 0L))).sum();
            long surplus = Math.min(wanted, Math.max(0, mine.size() - fair));
            for (int segment : mine.subList(0, (int) surplus)) {
                log.info("Releasing segment {} of {}: {} nodes run it, this one holds {} of {} segments", segment,
                        name, live.size(), mine.size(), segments);
                group.getValue().releaseSegment(segment, RELEASE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A node's fair share of a group's segments: all of them when it is alone, else an equal part rounded up. */
    static long fairShare(long segments, long nodes) {
        return nodes <= 1 ? segments : (segments + nodes - 1) / nodes;
    }
}
