package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.personaldata.DataKey;
import io.cxengine.journey.platform.eventstore.JournalSerializers;
import io.cxengine.journey.platform.personaldata.PersonalDataKeys;
import io.cxengine.journey.platform.keys.DataKeyWrapping;
import io.cxengine.journey.platform.keys.DataKeyWrapping.Wrapped;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Keys apart from the data: the database holds every customer's key only wrapped by the key-encryption key, which it
 * never sees, so a copy of its tables opens nothing; a sealed value opens only in a personal field of its own
 * customer's event, never where someone copied it; and keys stored in clear by an earlier release are wrapped at
 * start-up, their old values still opening.
 * <p>
 * The tests run in order: the legacy customer planted (and wrapped) by the first is what the later ones forge from and
 * copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeysApartFromDataIT extends EngineIntegration {

    /** A customer recorded by the release that kept keys in clear, with its key and its stored (pd1) registration. */
    static final UUID LEGACY = UUID.fromString("0b5e1c2d-3f4a-4b6c-8d7e-9f0a1b2c3d4e");
    static final byte[] LEGACY_KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final String LEGACY_NAME = "pd1:0b5e1c2d-3f4a-4b6c-8d7e-9f0a1b2c3d4e:qzGUgKnMuCf74y6bm0kmRUYF87-RLrwxdrwcbq2YWOQvXRWEeFDWIw";
    static final String LEGACY_REGISTERED = """
            {"customerId":"0b5e1c2d-3f4a-4b6c-8d7e-9f0a1b2c3d4e","email":"pd1:0b5e1c2d-3f4a-4b6c-8d7e-9f0a1b2c3d4e:oOciZSbYIQamkxovGW4TYLriACAh-Yzz1rKPrcvXIKZ777JsATLIlVrKwaW3","identifiedVia":"CALLER_ID","name":"%s","occurredAt":"2026-03-01T12:00:00.123456Z","phone":null}"""
            .formatted(LEGACY_NAME);

    @Autowired
    DataKeyWrapping engineWrapping;

    @Test
    @Order(1)
    @DisplayName("a key stored in clear by an earlier release is wrapped at start-up, and its old values still open")
    void legacyKeyWrappedAtStartup() {
        plantLegacyCustomer();
        assertThat(keyRow(LEGACY).secret()).as("planted in clear").isEqualTo(LEGACY_KEY);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(JourneyEngineApplication.class)
                .run("--server.port=0")) {
            KeyRow row = keyRow(LEGACY);
            assertThat(row.secret()).as("the clear copy is gone").isNull();
            assertThat(row.wrapped()).isNotNull();
            assertThat(row.kekId()).isEqualTo(engineWrapping.currentKekId());
            assertThat(engineWrapping.unwrap(LEGACY, new Wrapped(row.kekId(), row.wrapped()))).isEqualTo(LEGACY_KEY);

            Api api = new Api(((WebServerApplicationContext) restarted).getWebServer().getPort());
            JsonNode registered = ok(api.get("/customers/" + LEGACY + "/history")).at("/events/0/payload");
            assertThat(registered.get("name").asText()).isEqualTo("Grace Hopper");
            assertThat(registered.get("email").asText()).isEqualTo("grace@example.com");
        }
        assertThat(new String(storedPayload(LEGACY, 0), StandardCharsets.UTF_8)).as("stored bytes unchanged")
                .isEqualTo(LEGACY_REGISTERED);
        assertThat(ok(new Api(port).get("/customers/" + LEGACY + "/history")).at("/events/0/payload/name").asText())
                .isEqualTo("Grace Hopper");
    }

    @Test
    @Order(2)
    @DisplayName("another customer's sealed values, submitted as text, are stored and shown as that text, never opened")
    void forgedValuesStayText() {
        Api api = new Api(port);
        String canary = canary();
        UUID victim = register(api, canary);
        String victimsName = storedField(victim, "name");
        String victimsPhone = storedField(victim, "phone");
        assertThat(victimsName).startsWith("pd2:" + victim + ":");

        UUID mallory = UUID.randomUUID();
        String m = "/customers/" + mallory;
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "%s", "identifiedVia": "CALLER_ID",
                 "attributes": [{"kind": "PSYCHOGRAPHIC", "name": "%s", "value": "%s"}]}"""
                .formatted(mallory, victimsName, victimsPhone, LEGACY_NAME)));
        ok(api.post(m + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s", "valence": "NEUTRAL",
                 "note": "%s", "agentId": "%s"}""".formatted(LEGACY_NAME, victimsName, victimsPhone)));
        ok(api.post(m + "/touchpoints", """
                {"channel": "EMAIL", "direction": "INBOUND", "purpose": "%s", "valence": "NEUTRAL",
                 "agentId": "%s"}""".formatted(victimsName, LEGACY_NAME)));
        ok(api.post(m + "/complaints", """
                {"category": "OTHER", "otherCategory": "%s", "description": "%s", "severity": "LOW"}"""
                .formatted(victimsName, LEGACY_NAME)));

        JsonNode events = ok(api.get(m + "/history")).get("events");
        assertThat(events.toString()).doesNotContain(canary).doesNotContain("Grace Hopper");
        assertThat(payload(events, "CustomerRegistered", 0).get("name").asText()).isEqualTo(victimsName);
        assertThat(payload(events, "AttributeRecorded", 0).get("name").asText()).isEqualTo(victimsPhone);
        assertThat(payload(events, "AttributeRecorded", 0).get("value").asText()).isEqualTo(LEGACY_NAME);
        JsonNode call = payload(events, "TouchpointRecorded", 0);
        assertThat(call.get("note").asText()).isEqualTo(victimsName);
        assertThat(call.get("agentId").asText()).as("a field that is not personal").isEqualTo(victimsPhone);
        assertThat(call.get("purpose").asText()).isEqualTo(LEGACY_NAME);
        JsonNode mail = payload(events, "TouchpointRecorded", 1);
        assertThat(mail.get("agentId").asText()).as("a field that is not personal").isEqualTo(LEGACY_NAME);
        assertThat(mail.get("purpose").asText()).isEqualTo(victimsName);
        JsonNode complaint = payload(events, "ComplaintFiled", 0);
        assertThat(complaint.get("otherCategory").asText()).isEqualTo(victimsName);
        assertThat(complaint.get("description").asText()).isEqualTo(LEGACY_NAME);
        assertThat(ok(api.get(m + "/state")).toString()).doesNotContain(canary).doesNotContain("Grace Hopper");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(ok(api.get(m + "/profile")).get("name").asText()).isEqualTo(victimsName);
            JsonNode moments = ok(api.get(m + "/timeline?limit=100")).get("moments");
            assertThat(moments.findValuesAsText("summary")).anyMatch(summary -> summary.contains(victimsName))
                    .anyMatch(summary -> summary.contains(LEGACY_NAME));
            ok(api.get(m + "/briefing")); // Its own projection: caught up too.
        });
        assertThat(ok(api.get(m + "/profile")).toString()).doesNotContain(canary).doesNotContain("Grace Hopper");
        assertThat(ok(api.get(m + "/timeline?limit=100")).toString()).doesNotContain(canary).doesNotContain("Grace Hopper");
        assertThat(ok(api.get(m + "/briefing")).toString()).doesNotContain(canary).doesNotContain("Grace Hopper");
        assertThat(ok(api.get("/customers/" + victim + "/history")).at("/events/0/payload/name").asText())
                .as("in its own place the victim's value opens").isEqualTo(canary + " Lovelace");
    }

    @Test
    @Order(3)
    @DisplayName("a copy of the database's tables alone opens no personal field: keys are only wrapped, the canary is nowhere")
    void aCopyOfTheDatabaseOpensNothing() {
        String canary = canary();
        UUID customer = register(new Api(port), canary);
        ok(new Api(port).post("/customers/" + customer + "/touchpoints", """
                {"channel": "PHONE", "direction": "INBOUND", "purpose": "%s question", "valence": "NEGATIVE",
                 "note": "%s said so"}""".formatted(canary, canary)));

        List<KeyRow> keys = jdbc.sql("SELECT customer_id, secret, wrapped_key, kek_id FROM personal_data_key")
                .query((row, n) -> new KeyRow(row.getObject(1, UUID.class), row.getBytes(2), row.getBytes(3),
                        row.getString(4))).list();
        List<StoredEvent> events = jdbc.sql("""
                        SELECT aggregate_identifier, payload_type, payload, meta_data FROM domain_event_entry""")
                .query((row, n) -> new StoredEvent(row.getString(1), row.getString(2), row.getBytes(3), row.getBytes(4)))
                .list();
        List<StoredEvent> canarys = events.stream().filter(event -> event.customer().equals(customer.toString())).toList();
        assertThat(canarys).as("the registration, the bad contact and the at-risk turn it made").hasSize(3);

        assertThat(keys).as("no key in clear").allMatch(row -> row.secret() == null);
        assertThat(keys).filteredOn(row -> row.customer().equals(LEGACY)).as("the legacy key, wrapped").singleElement()
                .matches(row -> row.wrapped() != null);
        String hex = HexFormat.of().formatHex(canary.getBytes(StandardCharsets.UTF_8));
        for (StoredEvent event : events) {
            assertThat(event.text()).doesNotContain(canary).doesNotContain("Grace Hopper");
            assertThat(HexFormat.of().formatHex(event.payload())).doesNotContain(hex);
        }
        for (KeyRow row : keys) {
            assertThat(row.wrapped() == null ? "" : HexFormat.of().formatHex(row.wrapped())).doesNotContain(hex);
        }

        KeyRow stored = keys.stream().filter(row -> row.customer().equals(customer)).findFirst().orElseThrow();
        assertThat(stored.wrapped()).hasSize(12 + 32 + 16);
        for (int offset : new int[]{0, 12, 28}) {
            byte[] candidate = Arrays.copyOfRange(stored.wrapped(), offset, offset + 32);
            assertThat(read(canarys, customerKey -> Optional.of(DataKey.of(PersonalDataKeys.key(candidate)))))
                    .as("the stored bytes at %d as the key", offset).doesNotContain(canary).contains("[erased]");
        }

        DataKeyWrapping attacker = new DataKeyWrapping(KeyEncryptionKey.random(), Optional.empty());
        for (KeyRow row : keys) {
            if (row.wrapped() != null) {
                assertThatThrownBy(() -> attacker.unwrap(row.customer(), new Wrapped(attacker.currentKekId(), row.wrapped())))
                        .as("another key-encryption key unwraps no key").hasMessageContaining("does not unwrap");
            }
        }
        assertThat(read(canarys, unwrappingWith(attacker, keys))).as("with another key-encryption key")
                .doesNotContain(canary).contains("[erased]");
        assertThat(read(canarys, unwrappingWith(engineWrapping, keys))).as("with the engine's own, outside the copy")
                .contains(canary);
    }

    private record KeyRow(UUID customer, byte[] secret, byte[] wrapped, String kekId) {
    }

    private record StoredEvent(String customer, String type, byte[] payload, byte[] metaData) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8)
                    + (metaData == null ? "" : new String(metaData, StandardCharsets.UTF_8));
        }
    }

    /** The copy's keys as a reader of the copy would take them: unwrapped with the given wrapping, if they unwrap. */
    private static Function<UUID, Optional<DataKey>> unwrappingWith(DataKeyWrapping wrapping, List<KeyRow> keys) {
        return customer -> keys.stream().filter(row -> row.customer().equals(customer) && row.wrapped() != null)
                .findFirst().flatMap(row -> {
                    try {
                        byte[] key = wrapping.unwrap(customer, new Wrapped(wrapping.currentKekId(), row.wrapped()));
                        return Optional.of(DataKey.of(PersonalDataKeys.key(key)));
                    } catch (IllegalStateException doesNotUnwrap) {
                        return Optional.empty();
                    }
                });
    }

    /** The events read through the journal's own mapper with the given keys, as text. */
    private static String read(List<StoredEvent> events, Function<UUID, Optional<DataKey>> keys) {
        ObjectMapper journal = JournalSerializers.journalMapper(new PersonalDataKeys() {
            @Override
            public DataKey keyFor(UUID customer) {
                throw new UnsupportedOperationException("reading only");
            }

            @Override
            public Optional<DataKey> existing(UUID customer) {
                return keys.apply(customer);
            }

            @Override
            public void destroy(UUID customer) {
            }
        });
        List<String> read = new ArrayList<>();
        for (StoredEvent event : events) {
            try {
                read.add(journal.readValue(event.payload(), Class.forName(event.type())).toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join("\n", read);
    }

    private UUID register(Api api, String canary) {
        UUID customer = UUID.randomUUID();
        ok(api.post("/customers", """
                {"customerId": "%s", "name": "%s Lovelace", "email": "%s@example.com", "phone": "+44 %s",
                 "identifiedVia": "CALLER_ID"}"""
                .formatted(customer, canary, canary.toLowerCase(), 100_000_000 + (int) (Math.random() * 800_000_000))));
        return customer;
    }

    /** Plants the legacy customer as the earlier release left it: its key in clear, its registration sealed pd1. */
    private void plantLegacyCustomer() {
        jdbc.sql("""
                        INSERT INTO personal_data_key (customer_id, secret, created_at) VALUES (:customer, :secret, :now)
                        ON CONFLICT (customer_id) DO NOTHING""")
                .param("customer", LEGACY).param("secret", LEGACY_KEY)
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).update();
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                        time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (:event, :customer, 0, 'Customer', :at,
                                'io.cxengine.journey.customer.CustomerEvent$CustomerRegistered', '1', :payload, :meta)
                        ON CONFLICT DO NOTHING""")
                .param("event", UUID.randomUUID().toString()).param("customer", LEGACY.toString())
                .param("at", "2026-03-01T12:00:01Z")
                .param("payload", LEGACY_REGISTERED.getBytes(StandardCharsets.UTF_8))
                .param("meta", "{}".getBytes(StandardCharsets.UTF_8)).update();
    }

    private KeyRow keyRow(UUID customer) {
        return jdbc.sql("SELECT customer_id, secret, wrapped_key, kek_id FROM personal_data_key WHERE customer_id = :c")
                .param("c", customer)
                .query((row, n) -> new KeyRow(row.getObject(1, UUID.class), row.getBytes(2), row.getBytes(3),
                        row.getString(4))).single();
    }

    private byte[] storedPayload(UUID customer, long sequence) {
        return jdbc.sql("""
                        SELECT payload FROM domain_event_entry WHERE aggregate_identifier = :c AND sequence_number = :s""")
                .param("c", customer.toString()).param("s", sequence).query(byte[].class).single();
    }

    private String storedField(UUID customer, String field) {
        try {
            return new ObjectMapper().readTree(storedPayload(customer, 0)).get(field).asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode payload(JsonNode events, String type, int nth) {
        List<JsonNode> matching = new ArrayList<>();
        events.forEach(event -> {
            if (event.get("type").asText().equals(type)) {
                matching.add(event.get("payload"));
            }
        });
        assertThat(matching).as(type).hasSizeGreaterThan(nth);
        return matching.get(nth);
    }

    private static String canary() {
        return "Canary" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        return response.json();
    }
}
