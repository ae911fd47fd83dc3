package io.cxengine.journey.platform.projection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProcessorMetersTest {

    record Registered(String customer) {
    }

    record Contacted(String customer) {
    }

    /** Four events of two types: handled, failed, ignored, handled; their timestamps a second apart. */
    static void feed(MessageMonitor<? super EventMessage<?>> monitor) {
        Instant at = Instant.parse("2026-12-08T00:00:00Z");
        List<Object> payloads = List.of(new Registered("a"), new Contacted("a"), new Contacted("b"), new Registered("b"));
        for (int i = 0; i < payloads.size(); i++) {
            MessageMonitor.MonitorCallback callback = monitor.onMessageIngested(
                    new GenericEventMessage<>("event-" + i, payloads.get(i), Map.of(), at.plusSeconds(i)));
            switch (i) {
                case 1 -> callback.reportFailure(new IllegalStateException("poison"));
                case 2 -> callback.reportIgnored();
                default -> callback.reportSuccess();
            }
        }
    }

    /** Every meter by its name, type and tags, with what it counted. */
    static Map<String, Double> meters(MeterRegistry registry) {
        Map<String, Double> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            double value = meter instanceof Counter counter ? counter.count()
                    : meter instanceof Timer timer ? timer.count() : Double.NaN;
            meters.put(meter.getId().getType() + " " + meter.getId().getName() + " " + meter.getId().getTags(), value);
        }
        return meters;
    }

    @Test
    @DisplayName("the same meters, with the same names, tags and counts, as Axon's dimensional monitors of a processor")
    @SuppressWarnings("unchecked")
    void sameMetersAsAxons() {
        SimpleMeterRegistry axons = new SimpleMeterRegistry();
        feed((MessageMonitor<? super EventMessage<?>>) new GlobalMetricRegistry(axons)
                .registerComponentWithDefaultTags(EventProcessor.class, "analytics"));
        SimpleMeterRegistry ours = new SimpleMeterRegistry();
        feed(new ProcessorMeters("analytics", ours, io.micrometer.core.instrument.Clock.SYSTEM));

        assertThat(meters(ours)).isEqualTo(meters(axons));
        assertThat(ours.getMeters()).hasSize(1 + 2 * (5 + 4 * (1 + 6) + 1));
        assertThat(ours.get("eventProcessor.successCounter").tag("payloadType", "Registered")
                .tag("processorName", "analytics").counter().count()).isEqualTo(2);
        assertThat(ours.get("eventProcessor.ignoredCounter").tag("payloadType", "Contacted").counter().count())
                .isEqualTo(1);
        // Every event read was handled: nothing behind.
        assertThat(ours.get("eventProcessor.latency").tag("processorName", "analytics").gauge().value())
                .isCloseTo(axons.get("eventProcessor.latency").gauge().value(), within(60_000.0));
    }

    @Test
    @DisplayName("latency is the age of the newest event read, when it was read")
    void latency() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorMeters meters = new ProcessorMeters("profile", registry, clock);
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        meters.onMessageIngested(new GenericEventMessage<>("1", new Registered("a"), Map.of(), now.minusSeconds(5)))
                .reportSuccess();
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "profile").gauge().value())
                .isEqualTo(5000);
        clock.add(Duration.ofSeconds(1));
        meters.onMessageIngested(new GenericEventMessage<>("2", new Registered("b"), Map.of(), now)).reportSuccess();
        assertThat(registry.get("eventProcessor.latency").gauge().value()).isEqualTo(1000);
    }

    @Test
    @DisplayName("capacity is the share of the last ten minutes spent handling, and forgets what is older")
    void capacity() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ProcessorMeters meters = new ProcessorMeters("profile", registry, clock);
        Message<?> event = GenericEventMessage.asEventMessage(new Registered("a"));
        // Twenty minutes: every bucket is opened twice, and the first ten minutes must be forgotten.
        for (int i = 0; i < 120; i++) {
            MessageMonitor.MonitorCallback callback = meters.onMessageIngested(event);
            clock.add(1, TimeUnit.SECONDS);
            callback.reportSuccess();
            clock.add(9, TimeUnit.SECONDS);
        }
        // Busy one second in ten.
        assertThat(registry.get("eventProcessor.capacity").gauge().value()).isCloseTo(0.1, within(0.02));
        clock.add(Duration.ofMinutes(5));
        assertThat(registry.get("eventProcessor.capacity").gauge().value()).isCloseTo(0.05, within(0.02));
        clock.add(Duration.ofMinutes(6));
        assertThat(registry.get("eventProcessor.capacity").gauge().value()).isZero();
    }
}
