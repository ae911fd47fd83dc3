package io.cxengine.journey.launcher;

import io.cxengine.journey.command.customer.CustomerCommand.RecordTouchpoint;
import io.cxengine.journey.command.customer.CustomerCommand.ResolveComplaint;
import io.cxengine.journey.command.customer.JourneyRuleViolation;
import io.cxengine.journey.command.customer.UnknownReference;
import io.cxengine.journey.command.idempotency.Answer;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.KeyedWrite;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.command.recording.Written;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a command costs in round trips to PostgreSQL, counted on the thread that records it (the engine's data source,
 * wrapped so that it notes every statement executed and every commit and rollback): a command refused by the journey's
 * rules, its customer in memory, touches the database once, under an {@code Idempotency-Key} or not, whatever ids it
 * names; an accepted one commits once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RoundTripsIT.Counting.class)
@DirtiesContext
class RoundTripsIT extends EngineIntegration {

    /** What the current thread sent to PostgreSQL while it counts: statements (their first words), commits, rollbacks. */
    private static final ThreadLocal<List<String>> SENT = new ThreadLocal<>();

    @Autowired
    JourneyCommands commands;
    String customer;
    TouchpointId recorded;

    @BeforeEach
    void customerInMemory() {
        customer = new Api(port).registerCustomer("Edsger Dijkstra");
        recorded = new TouchpointId(UUID.randomUUID());
        commands.record(touchpoint(recorded), provenance());
    }

    @Test
    @DisplayName("a touchpoint recorded before, refused under an Idempotency-Key: one round trip, nothing committed")
    void refusedRepeatUnderAKey() {
        List<String> sent = counted(() -> assertThatThrownBy(() -> commands.record(touchpoint(recorded), provenance(),
                keyed("refused-" + UUID.randomUUID()))).isInstanceOf(JourneyRuleViolation.class));

        assertThat(statements(sent)).as(sent.toString()).hasSize(1);
        assertThat(sent).doesNotContain("COMMIT");
    }

    @Test
    @DisplayName("a step of a complaint never filed, refused without a key: one round trip, nothing committed")
    void refusedUnknownComplaint() {
        List<String> sent = counted(() -> assertThatThrownBy(() -> commands.record(new ResolveComplaint(
                CustomerId.of(customer), ComplaintId.random(), "never filed", Instant.now()),
                provenance())).isInstanceOf(UnknownReference.class));

        assertThat(statements(sent)).as(sent.toString()).hasSize(1);
        assertThat(sent).doesNotContain("COMMIT");
    }

    @Test
    @DisplayName("a new touchpoint under a key: one trip for key, lock, version and ids, the write bound, the append, the answer, one commit")
    void acceptedUnderAKey() {
        List<String> sent = counted(() -> assertThat(commands.record(touchpoint(new TouchpointId(UUID.randomUUID())),
                provenance(), keyed("accepted-" + UUID.randomUUID()))).isInstanceOf(Written.Recorded.class));

        assertThat(statements(sent)).as(sent.toString()).hasSize(4);
        assertThat(statements(sent).get(0)).as("the opening trip").contains("idempotency_record", "pg_advisory_xact_lock",
                "customer_fact_id");
        assertThat(sent.stream().filter("COMMIT"::equals)).as(sent.toString()).hasSize(1);
    }

    private RecordTouchpoint touchpoint(TouchpointId id) {
        return new RecordTouchpoint(CustomerId.of(customer), id, Channel.CHAT, Direction.INBOUND, "counting",
                InteractionStage.values()[0], Valence.NEUTRAL, null, null, null, null, null, false, null, Instant.now());
    }

    private static MetaData provenance() {
        return MetaData.from(Map.of(Provenance.CORRELATION_ID, UUID.randomUUID().toString(),
                Provenance.PRINCIPAL, "round-trips", Provenance.SYSTEM, "test-client"));
    }

    private static KeyedWrite keyed(String key) {
        return new KeyedWrite("test-client", key, "hash-of-" + key,
                receipt -> new Answer(201, Map.of(), "{\"version\": %d}".formatted(receipt.version())));
    }

    private static List<String> counted(Runnable command) {
        List<String> sent = new ArrayList<>();
        SENT.set(sent);
        try {
            command.run();
        } finally {
            SENT.remove();
        }
        return sent;
    }

    private static List<String> statements(List<String> sent) {
        return sent.stream().filter(what -> !what.equals("COMMIT") && !what.equals("ROLLBACK")).toList();
    }

    /** Wraps the engine's data source: its connections note, on a counting thread, what they send. */
    @TestConfiguration
    static class Counting {
        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource && name.equals("dataSource")
                            ? proxy(DataSource.class, dataSource, (method, arguments, result) -> result instanceof Connection c
                            ? proxy(Connection.class, c, Counting::connection) : result)
                            : bean;
                }
            };
        }

        private static Object connection(Method method, Object[] arguments, Object result) {
            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                note(() -> method.getName().toUpperCase());
            }
            String sql = arguments != null && arguments.length > 0 && arguments[0] instanceof String text ? text : "";
            After executes = (executed, executedArguments, executedResult) -> {
                if (executed.getName().startsWith("execute")) {
                    String text = executedArguments != null && executedArguments.length > 0
                            && executedArguments[0] instanceof String given ? given : sql;
                    note(() -> text.strip().replaceAll("\\s+", " "));
                }
                return executedResult;
            };
            if (result instanceof CallableStatement statement) {
                return proxy(CallableStatement.class, statement, executes);
            }
            if (result instanceof PreparedStatement statement) {
                return proxy(PreparedStatement.class, statement, executes);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, executes);
            }
            return result;
        }

        private static void note(Supplier<String> what) {
            List<String> sent = SENT.get();
            if (sent != null) {
                sent.add(what.get());
            }
        }

        /** A proxy of {@code target} that hands each call's result to {@code after} (which may wrap it). */
        @SuppressWarnings("unchecked")
        private static <T> T proxy(Class<T> type, T target, After after) {
            InvocationHandler handler = (self, method, arguments) -> {
                try {
                    return after.apply(method, arguments, method.invoke(target, arguments));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(RoundTripsIT.class.getClassLoader(), new Class<?>[]{type}, handler);
        }

        @FunctionalInterface
        interface After {
            Object apply(Method method, Object[] arguments, Object result);
        }
    }
}
