package io.cxengine.journey.platform;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PromptEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final PromptEventSource source = new PromptEventSource(store);

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    @DisplayName("a stream calls its processor back when this process publishes, and the next look finds the event")
    void wakesOnPublication() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        Semaphore calledBack = new Semaphore(0);
        assertThat(stream.setOnAvailableCallback(calledBack::release)).isTrue();
        calledBack.drainPermits();

        store.publish(new GenericDomainEventMessage<>("Customer", "c-1", 0, "registered"));

        assertThat(calledBack.tryAcquire(1, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("registered");
        stream.close();
    }

    @Test
    @DisplayName("without publications a stream still calls its processor back now and then, for events of other processes")
    void pollsWithoutPublications() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        Semaphore calledBack = new Semaphore(0);
        stream.setOnAvailableCallback(calledBack::release);

        assertThat(calledBack.tryAcquire(3, 5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.hasNextAvailable()).isFalse();
        stream.close();
        calledBack.drainPermits();
        Thread.sleep(3 * PromptEventSource.POLL.toMillis());
        assertThat(calledBack.availablePermits()).as("a closed stream is not called back").isZero();
    }
}
