package io.cxengine.journey.launcher;

import io.cxengine.journey.command.recording.VersionCheckedRepository;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.IdentificationMethod;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two engine instances on one PostgreSQL, as two replicas behind a load balancer: they share no lock, so only the
 * database's unique (aggregate, sequence) key stands between them and a fact recorded twice. Its violation must come
 * back as a conflict.
 */
class ConcurrentInstancesIT {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = new SpringApplicationBuilder(JourneyEngineApplication.class).run("--server.port=0");
        second = new SpringApplicationBuilder(JourneyEngineApplication.class).run("--server.port=0");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    @DisplayName("each instance claims projection segments under a node id of its own, even in one JVM")
    void distinctNodeIds() {
        Object firstNode = ReflectionTestUtils.getField(first.getBean(TokenStore.class), "nodeId");
        Object secondNode = ReflectionTestUtils.getField(second.getBean(TokenStore.class), "nodeId");
        assertThat(firstNode).isNotNull().isNotEqualTo(secondNode);
    }

    @Test
    @DisplayName("appending a customer's first event twice raises a conflict, not a storage failure")
    void duplicateFirstEventIsAConflict() {
        CustomerId customer = CustomerId.random();
        EventStore events = first.getBean(EventStore.class);
        append(events, customer, 0);

        assertThatThrownBy(() -> append(events, customer, 0))
                .isInstanceOf(AggregateStreamCreationException.class);
        append(events, customer, 1);
        assertThatThrownBy(() -> append(events, customer, 1))
                .isInstanceOf(ConcurrencyException.class);
    }

    @Test
    @DisplayName("racing registrations of one id across two instances: exactly one 201, the rest 409, never 500")
    void racingRegistrations() throws Exception {
        UUID customer = UUID.randomUUID();
        List<Api> apis = List.of(new Api(port(first)), new Api(port(second)));
        List<Integer> statuses = Race.statuses(16, sender -> apis.get(sender % 2).post("/customers", """
                {"customerId": "%s", "name": "Dorothy Vaughan", "identifiedVia": "IMPORT"}""".formatted(customer)));

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(first.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = :id")
                .param("id", customer.toString()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @DisplayName("one customer written in turn through both instances, each keeping customers in memory: every write is recorded at the next version")
    void customersInMemoryFollowTheStore() {
        List<Api> apis = List.of(new Api(port(first)), new Api(port(second)));
        String customer = apis.get(0).registerCustomer("Katherine Johnson");
        List<VersionCheckedRepository<?>> repositories = List.of(repository(first), repository(second));
        long staleBefore = repositories.get(0).stale() + repositories.get(1).stale();
        long fromMemoryBefore = repositories.get(0).fromMemory() + repositories.get(1).fromMemory();

        for (int write = 1; write <= 12; write++) {
            // Two writes in a row on one instance (the second from memory), then the other instance's turn.
            Api.Response answer = apis.get(write / 2 % 2).post("/customers/" + customer + "/touchpoints", """
                    {"channel": "PHONE", "direction": "INBOUND", "purpose": "turn %d", "valence": "NEUTRAL"}"""
                    .formatted(write));
            assertThat(answer.status()).as("write %d: %s", write, answer).isEqualTo(201);
            assertThat(answer.json().get("version").asLong()).as("write %d", write).isEqualTo(write);
        }

        long stale = repositories.get(0).stale() + repositories.get(1).stale() - staleBefore;
        long fromMemory = repositories.get(0).fromMemory() + repositories.get(1).fromMemory() - fromMemoryBefore;
        assertThat(stale).as("customers in memory found behind the store, and read again").isGreaterThanOrEqualTo(5);
        assertThat(fromMemory).as("writes served from memory").isGreaterThanOrEqualTo(5);
        Api auditor = Api.withScopes(port(first), "journey.audit");
        assertThat(auditor.get("/customers/" + customer + "/history/verify").json().get("verified").asBoolean())
                .isTrue();
    }

    private static VersionCheckedRepository<?> repository(ConfigurableApplicationContext engine) {
        return engine.getBean("customerRepository", VersionCheckedRepository.class);
    }

    private static void append(EventStore events, CustomerId customer, long sequence) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(first.getBean(org.axonframework.common.transaction.TransactionManager.class));
        unitOfWork.execute(() -> events.publish(new GenericDomainEventMessage<>("Customer", customer.toString(), sequence,
                new CustomerRegistered(customer, "Mary Jackson", null, null, IdentificationMethod.IMPORT,
                        Instant.parse("2026-01-01T00:00:00Z")))));
    }

    private static int port(ConfigurableApplicationContext engine) {
        return ((WebServerApplicationContext) engine).getWebServer().getPort();
    }
}
