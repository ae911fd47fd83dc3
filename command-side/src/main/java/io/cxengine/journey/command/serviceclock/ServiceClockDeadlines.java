package io.cxengine.journey.command.serviceclock;

import io.cxengine.journey.platform.DaemonThreads;
import io.cxengine.journey.command.customer.ScheduledDeadlines;
import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.customer.CustomerId;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineException;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's deadlines (a running service-standard clock is one) as rows of its own table, {@code service_clock}.
 * <p>
 * Scheduling a deadline inserts its row in the transaction of the command that starts the clock, and stopping the
 * clock deletes it in the transaction of the command that stops it: one statement each, nothing else to keep in step.
 * A clock's row is keyed by its customer and the clock ({@code customer/standard/subject}), so the customer finds it
 * again without remembering an id. One poller per engine looks every {@code poll-interval} for rows that have run
 * out, and fires each in a transaction of its own: it takes the row ({@code FOR UPDATE SKIP LOCKED}, so engines never
 * take the same one), hands the deadline to the customer (which records the breach), and deletes it, all at once;
 * a firing that fails leaves the row, to be tried again {@code retry-after} later. Rows survive restarts.
 * <p>
 * Deadlines an older engine left with db-scheduler (task {@code AxonDeadline}, and {@code service_clock_deadline}
 * remembering which clock has which) still fire at their time through {@link #fireLegacy}, and are cancelled with
 * their clock.
 */
public class ServiceClockDeadlines extends AbstractDeadlineManager implements ScheduledDeadlines, SmartLifecycle {

    /** db-scheduler's task name for Axon's deadlines, as older engines scheduled them. */
    static final String LEGACY_TASK = "AxonDeadline";

    private static final Logger log = LoggerFactory.getLogger(ServiceClockDeadlines.class);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final ScopeAwareProvider scopes;
    private final TransactionManager unitTransactions;
    private final TransactionTemplate transactions;
    private final ServiceClockSettings settings;
    private final Clock clock;
    private final DeadlineMeters meters;
    private volatile ScheduledExecutorService poller;

    ServiceClockDeadlines(JdbcClient jdbc, Serializer serializer, ScopeAwareProvider scopes,
                          TransactionManager unitTransactions, PlatformTransactionManager transactions,
                          ServiceClockSettings settings, Clock clock, DeadlineMeters meters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.scopes = scopes;
        this.unitTransactions = unitTransactions;
        this.transactions = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    // --- scheduling and cancelling, in the command's transaction --------------------------------------------------

    /**
     * Inserts the deadline's row now, in the transaction of the unit of work that schedules it (so it commits, or
     * rolls back, with the events that started the clock). Its message carries that unit's correlation data.
     */
    @Override
    public String schedule(Instant triggerDateTime, String deadlineName, Object messageOrPayload,
                           ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message = processDispatchInterceptors(
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime));
        String id = scheduleId(deadlineScope, message.getPayload());
        SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> scope = serializer.serialize(deadlineScope, byte[].class);
        jdbc.sql("""
                        INSERT INTO service_clock (schedule_id, deadline_name, fire_at, scope_type, scope, payload_type,
                                                   payload_revision, payload, metadata)
                        VALUES (:id, :name, :fireAt, :scopeType, :scope, :payloadType, :revision, :payload, :metadata)
                        ON CONFLICT (schedule_id) DO UPDATE
                           SET deadline_name = EXCLUDED.deadline_name, fire_at = EXCLUDED.fire_at,
                               scope_type = EXCLUDED.scope_type, scope = EXCLUDED.scope,
                               payload_type = EXCLUDED.payload_type, payload_revision = EXCLUDED.payload_revision,
                               payload = EXCLUDED.payload, metadata = EXCLUDED.metadata, failures = 0
                        """)
                .param("id", id)
                .param("name", deadlineName)
                .param("fireAt", Timestamp.from(triggerDateTime))
                .param("scopeType", scope.getType().getName())
                .param("scope", scope.getData())
                .param("payloadType", payload.getType().getName())
                .param("revision", payload.getType().getRevision())
                .param("payload", payload.getData())
                .param("metadata", message.serializeMetaData(serializer, byte[].class).getData())
                .update();
        return id;
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        jdbc.sql("""
                        WITH clock AS (DELETE FROM service_clock WHERE schedule_id = :id AND deadline_name = :name)
                        DELETE FROM scheduled_tasks WHERE task_name = :legacy AND task_instance = :id
                        """)
                .param("id", scheduleId).param("name", deadlineName).param("legacy", LEGACY_TASK)
                .update();
    }

    @Override
    public void cancelAll(String deadlineName) {
        jdbc.sql("DELETE FROM service_clock WHERE deadline_name = :name").param("name", deadlineName).update();
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        SerializedObject<byte[]> serialized = serializer.serialize(scope, byte[].class);
        jdbc.sql("DELETE FROM service_clock WHERE deadline_name = :name AND scope = :scope")
                .param("name", deadlineName).param("scope", serialized.getData()).update();
    }

    /** The row is keyed by the clock itself: nothing to remember. */
    @Override
    public void remember(CustomerId customer, ServiceClock.Key clock, String scheduleId) {
    }

    /**
     * Stops the clock: deletes its row and, for a clock an older engine scheduled with db-scheduler, that task and
     * the row that remembered it, in one statement. Nothing is left for the caller to cancel.
     */
    @Override
    public Optional<String> forget(CustomerId customer, ServiceClock.Key clock) {
        jdbc.sql("""
                        WITH clock AS (DELETE FROM service_clock WHERE schedule_id = :id),
                             legacy AS (DELETE FROM service_clock_deadline
                                         WHERE customer_id = CAST(:customer AS UUID) AND standard = :standard
                                           AND subject = :subject
                                        RETURNING schedule_id)
                        DELETE FROM scheduled_tasks
                         WHERE task_name = :legacyTask AND task_instance IN (SELECT schedule_id FROM legacy)
                        """)
                .param("id", clockId(customer.value().toString(), clock))
                .param("customer", customer.value().toString())
                .param("standard", clock.standard().name())
                .param("subject", clock.subject())
                .param("legacyTask", LEGACY_TASK)
                .update();
        return Optional.empty();
    }

    /** A clock's row: its customer and the clock; any other deadline: an id of its own. */
    private static String scheduleId(ScopeDescriptor scope, Object payload) {
        if (payload instanceof ServiceClock running && scope instanceof AggregateScopeDescriptor aggregate) {
            return clockId(String.valueOf(aggregate.getIdentifier()), running.key());
        }
        return UUID.randomUUID().toString();
    }

    private static String clockId(String customer, ServiceClock.Key clock) {
        return customer + "/" + clock.text();
    }

    // --- firing, by one poller -----------------------------------------------------------------------------------

    /**
     * Fires deadlines that have run out, each in its own transaction, at most {@code batch-size} of them; answers how
     * many it took. The poller calls it; so may anyone who must not wait for the next look.
     */
    public int fireDue() {
        int fired = 0;
        while (fired < settings.batchSize() && fireNext()) {
            fired++;
        }
        return fired;
    }

    /**
     * Takes the next deadline that has run out, fires it and deletes it, in one transaction; a failure leaves it for
     * later. Answers whether there was one.
     */
    private boolean fireNext() {
        AtomicReference<Due> taken = new AtomicReference<>();
        try {
            boolean fired = Boolean.TRUE.equals(transactions.execute(status -> {
                Optional<Due> due = jdbc.sql("""
                                DELETE FROM service_clock
                                 WHERE schedule_id = (SELECT schedule_id FROM service_clock
                                                       WHERE fire_at <= :now
                                                       ORDER BY fire_at
                                                       LIMIT 1
                                                       FOR UPDATE SKIP LOCKED)
                                RETURNING schedule_id, deadline_name, scope_type, scope, payload_type, payload_revision,
                                          payload, metadata, fire_at
                                """)
                        .param("now", Timestamp.from(clock.instant()))
                        .query(this::due).optional();
                if (due.isEmpty()) {
                    return false;
                }
                taken.set(due.get());
                execute(messageOf(due.get()), scopeOf(due.get()));
                return true;
            }));
            if (fired) {
                meters.fired(taken.get().name(), taken.get().fireAt());
            }
            return fired;
        } catch (RuntimeException e) {
            Due due = taken.get();
            if (due == null) {
                throw e;
            }
            meters.failed(due.name());
            log.warn("The deadline {} could not be fired; trying again in {}", due.id(), settings.retryAfter(), e);
            transactions.executeWithoutResult(status -> jdbc.sql("""
                            UPDATE service_clock SET fire_at = :later, failures = failures + 1 WHERE schedule_id = :id
                            """)
                    .param("later", Timestamp.from(clock.instant().plus(settings.retryAfter())))
                    .param("id", due.id()).update());
            return true;
        }
    }

    /** A deadline of an older engine, from db-scheduler: fired as the engine's own, in a transaction of its own. */
    void fireLegacy(DeadlineMessage<?> message, ScopeDescriptor scope) {
        transactions.executeWithoutResult(status -> execute(message, scope));
    }

    /** Hands the deadline to its scope (the customer), through the handler interceptors, joining the transaction. */
    private void execute(DeadlineMessage<?> message, ScopeDescriptor scope) {
        UnitOfWork<DeadlineMessage<?>> unit = new DefaultUnitOfWork<>(message);
        unit.attachTransaction(unitTransactions);
        InterceptorChain chain = new DefaultInterceptorChain<>(unit, handlerInterceptors(), intercepted -> {
            scopes.provideScopeAwareStream(scope).filter(component -> component.canResolve(scope))
                    .forEach(component -> {
                        try {
                            component.send(intercepted, scope);
                        } catch (Exception e) {
                            throw new DeadlineException("Could not hand the deadline to " + scope.scopeDescription(), e);
                        }
                    });
            return null;
        });
        ResultMessage<?> result = unit.executeWithResult(chain::proceed);
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            throw cause instanceof RuntimeException runtime ? runtime : new DeadlineException("Deadline failed", cause);
        }
    }

    private Due due(ResultSet row, int n) throws SQLException {
        return new Due(row.getString("schedule_id"), row.getString("deadline_name"), row.getString("scope_type"),
                row.getBytes("scope"), row.getString("payload_type"), row.getString("payload_revision"),
                row.getBytes("payload"), row.getBytes("metadata"), row.getTimestamp("fire_at").toInstant());
    }

    /** A deadline's row, taken to be fired. */
    private record Due(String id, String name, String scopeType, byte[] scope, String payloadType, String revision,
                       byte[] payload, byte[] metadata, Instant fireAt) {
    }

    private DeadlineMessage<?> messageOf(Due due) {
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(due.payload(), byte[].class,
                due.payloadType(), due.revision()));
        MetaData metaData = serializer.deserialize(new SimpleSerializedObject<>(due.metadata(), byte[].class,
                MetaData.class.getName(), null));
        return new GenericDeadlineMessage<>(due.name(), payload, metaData);
    }

    private ScopeDescriptor scopeOf(Due due) {
        return serializer.deserialize(new SimpleSerializedObject<>(due.scope(), byte[].class, due.scopeType(), null));
    }

    // --- the poller's life ---------------------------------------------------------------------------------------

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("service-clocks"));
        long every = settings.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
        poller = started;
    }

    private void poll() {
        try {
            while (fireDue() == settings.batchSize()) {
                // More have run out: go on at once.
            }
        } catch (RuntimeException e) {
            log.warn("Looking for service-standard clocks that ran out failed ({}); looking again in {}", e.toString(),
                    settings.pollInterval());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = poller;
        poller = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
