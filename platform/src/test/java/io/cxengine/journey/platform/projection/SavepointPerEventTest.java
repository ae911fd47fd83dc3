package io.cxengine.journey.platform.projection;

import io.cxengine.journey.platform.MovableClock;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavepointPerEventTest {

    /** A projection whose handler fails on the payload "poison". */
    static class Projection {
        final List<String> handled = new ArrayList<>();

        @EventHandler
        void on(String event) {
            if (event.equals("poison")) {
                throw new IllegalStateException("bug");
            }
            handled.add(event);
        }
    }

    /** Counts the savepoints asked for (nested transactions) and how they ended. */
    static class Savepoints implements PlatformTransactionManager {
        int opened;
        int rolledBack;

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            assertThat(definition.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_NESTED);
            opened++;
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
            rolledBack++;
        }
    }

    final Savepoints savepoints = new Savepoints();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    final Projection projection = new Projection();
    MessageHandlingMember<Projection> handler;

    @BeforeEach
    void batchTransaction() throws Exception {
        TransactionSynchronizationManager.setActualTransactionActive(true);
        TransactionSynchronizationManager.initSynchronization();
        MessageHandlingMember<Projection> member = new AnnotatedMessageHandlingMember<>(
                Projection.class.getDeclaredMethod("on", String.class), EventMessage.class, String.class,
                ClasspathParameterResolverFactory.forClass(Projection.class));
        handler = new SavepointPerEvent(savepoints, new ProjectionWrites(null), clock).wrapHandler(member);
    }

    @AfterEach
    void endBatch() {
        List.copyOf(TransactionSynchronizationManager.getResourceMap().keySet())
                .forEach(TransactionSynchronizationManager::unbindResource);
        TransactionSynchronizationManager.clear();
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    void handle(String event) throws Exception {
        handler.handle(GenericEventMessage.asEventMessage(event), projection);
    }

    @Test
    @DisplayName("healthy batches run without savepoints; after a failure every event gets one, until the projection has been quiet for a while")
    void savepointsOnlyAfterAFailure() throws Exception {
        handle("a");
        handle("b");
        assertThat(savepoints.opened).as("no savepoints while nothing fails").isZero();

        assertThatThrownBy(() -> handle("poison")).isInstanceOf(IllegalStateException.class);
        assertThat(savepoints.opened).as("the first failure aborts its batch: nothing to save").isZero();

        handle("a");
        assertThatThrownBy(() -> handle("poison")).isInstanceOf(IllegalStateException.class);
        handle("b");
        assertThat(savepoints.opened).as("the retried batch runs event by event in savepoints").isEqualTo(3);
        assertThat(savepoints.rolledBack).as("only the failing event is rolled back").isEqualTo(1);

        clock.advance(SavepointPerEvent.CAREFUL_FOR.minusSeconds(1));
        handle("c");
        assertThat(savepoints.opened).as("the last failure keeps the projection careful").isEqualTo(4);

        clock.advance(SavepointPerEvent.CAREFUL_FOR);
        handle("d");
        assertThat(savepoints.opened).as("quiet long enough: back to batches without savepoints").isEqualTo(4);
        assertThat(projection.handled).containsExactly("a", "b", "a", "b", "c", "d");
    }

    @Test
    @DisplayName("outside a transaction the handler runs as it is")
    void noTransaction() throws Exception {
        TransactionSynchronizationManager.setActualTransactionActive(false);
        assertThatThrownBy(() -> handle("poison")).isInstanceOf(IllegalStateException.class);
        handle("a");
        assertThat(savepoints.opened).isZero();
    }
}
