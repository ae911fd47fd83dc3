package io.cxengine.journey.platform.projection;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An event processor's meters, as Axon's dimensional monitors name and tag them ({@code eventProcessor.*}, tags
 * {@code processorName} and {@code payloadType}, latency by processor alone: counters of messages ingested, succeeded, failed, processed and
 * ignored; timers of all, successful, failed and ignored ones; capacity; latency, the age of the newest event read), with the meters of each payload
 * type found once and kept. Axon's monitors look eleven meters up in the registry for every event a processor reads,
 * which while the projections catch up with a large store was a fifth of their CPU (docs/benchmarks.md). Capacity is
 * the busy time of the last ten minutes, as Axon's, summed in ten-second buckets instead of kept as one entry per
 * event (which at a thousand events a second is 600,000 entries per processor and payload type).
 */
final class ProcessorMeters implements MessageMonitor<Message<?>> {

    static final String PREFIX = "eventProcessor";
    /** The window capacity is measured over, as Axon's. */
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final String processor;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();
    /** The age of the newest event read when it was read, in milliseconds. */
    private final AtomicLong latency = new AtomicLong();

    ProcessorMeters(String processor, MeterRegistry registry, Clock clock) {
        this.processor = processor;
        this.registry = registry;
        this.clock = clock;
        Gauge.builder(PREFIX + ".latency", latency, AtomicLong::get).tags(TagsUtil.PROCESSOR_NAME_TAG, processor)
                .strongReference(true).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message == null) {
            return NoOpMessageMonitorCallback.INSTANCE;
        }
        Class<?> payloadType = message.getPayloadType();
        Meters meters = byPayloadType.get(payloadType);
        if (meters == null) {
            meters = byPayloadType.computeIfAbsent(payloadType, this::meters);
        }
        meters.ingested.increment();
        if (message instanceof EventMessage<?> event) {
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        return new Callback(meters, clock.monotonicTime());
    }

    private final class Callback implements MonitorCallback {
        private final Meters meters;
        private final long start;

        Callback(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            long took = ended(meters.succeeded);
            meters.processed.increment();
            meters.success.increment();
            meters.capacity.add(start + took, took);
        }

        @Override
        public void reportFailure(Throwable cause) {
            long took = ended(meters.failed);
            meters.processed.increment();
            meters.failure.increment();
            meters.capacity.add(start + took, took);
        }

        @Override
        public void reportIgnored() {
            long took = ended(meters.skipped);
            meters.ignored.increment();
            meters.capacity.add(start + took, took);
        }

        private long ended(Timer outcome) {
            long took = clock.monotonicTime() - start;
            meters.all.record(took, TimeUnit.NANOSECONDS);
            outcome.record(took, TimeUnit.NANOSECONDS);
            return took;
        }
    }

    private Meters meters(Class<?> payloadType) {
        Tags tags = Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, payloadType.getSimpleName(), TagsUtil.PROCESSOR_NAME_TAG,
                processor);
        BusyTime capacity = new BusyTime();
        Gauge.builder(PREFIX + ".capacity", capacity, busy -> busy.share(clock.monotonicTime())).tags(tags)
                .strongReference(true).register(registry);
        return new Meters(counter("ingestedCounter", tags),
                counter("successCounter", tags),
                counter("failureCounter", tags),
                counter("processedCounter", tags),
                counter("ignoredCounter", tags),
                timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                timer("ignoredTimer", tags), capacity);
    }

    private Counter counter(String name, Tags tags) {
        return registry.counter(PREFIX + "." + name, tags);
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(PREFIX + "." + name)
                .distributionStatisticExpiry(WINDOW)
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .tags(tags)
                .register(registry);
    }

    /**
     * Time spent handling messages over the last ten minutes, in sixty buckets of ten seconds by the monotonic clock;
     * its share of the window is the processor's capacity used. A thread adding to a bucket just as another opens it
     * anew may lose one handler's time, and a read at that moment may see the old bucket's: a gauge, not an account.
     */
    static final class BusyTime {
        private static final int BUCKETS = 60;
        private static final long BUCKET = WINDOW.toNanos() / BUCKETS;
        private final AtomicLongArray busy = new AtomicLongArray(BUCKETS);
        private final AtomicLongArray bucketOf = new AtomicLongArray(BUCKETS);

        BusyTime() {
            for (int i = 0; i < BUCKETS; i++) {
                bucketOf.set(i, Long.MIN_VALUE);
            }
        }

        void add(long now, long nanos) {
            long bucket = Math.floorDiv(now, BUCKET);
            int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
            long held = bucketOf.get(slot);
            if (held != bucket && bucketOf.compareAndSet(slot, held, bucket)) {
                busy.set(slot, 0);
            }
            busy.addAndGet(slot, nanos);
        }

        double share(long now) {
            long bucket = Math.floorDiv(now, BUCKET);
            long nanos = 0;
            for (int slot = 0; slot < BUCKETS; slot++) {
                long held = bucketOf.get(slot);
                if (held != Long.MIN_VALUE && bucket - held < BUCKETS) {
                    nanos += busy.get(slot);
                }
            }
            return (double) nanos / WINDOW.toNanos();
        }
    }

    private record Meters(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          Timer all, Timer succeeded, Timer failed, Timer skipped,
                          BusyTime capacity) {
    }
}
