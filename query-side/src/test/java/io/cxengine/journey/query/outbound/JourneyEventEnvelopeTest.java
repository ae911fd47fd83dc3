package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyEventEnvelopeTest {

    private final Pseudonyms pseudonyms = new Pseudonyms(KeyEncryptionKey.random());
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JourneyEventEnvelope envelopes = new JourneyEventEnvelope(json, pseudonyms);
    private final CustomerId customer = CustomerId.of(UUID.randomUUID().toString());
    private final UUID eventId = UUID.randomUUID();
    private final Instant recordedAt = Instant.parse("2026-12-07T10:15:30Z");

    private JourneyEventEnvelope.Stored stored(CustomerEvent event) {
        return new JourneyEventEnvelope.Stored(event, customer, eventId, recordedAt, 4_294_967_301L, 7);
    }

    @Test
    @DisplayName("the CloudEvents attributes, the position (past 32 bits) and the customer's version")
    void attributes() {
        JsonNode envelope = envelopes.of(stored(new CustomerEvent.AttributeRecorded(customer, AttributeKind.PSYCHOGRAPHIC,
                "seat", "aisle", false, recordedAt)), PersonalDataOut.INCLUDED);

        assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.get("id").asText()).isEqualTo(eventId.toString());
        assertThat(envelope.get("source").asText()).isEqualTo("urn:cxengine:journey");
        assertThat(envelope.get("type").asText()).isEqualTo("io.cxengine.journey.AttributeRecorded");
        assertThat(envelope.get("time").asText()).isEqualTo("2026-12-07T10:15:30Z");
        assertThat(envelope.get("position").asLong()).isEqualTo(4_294_967_301L);
        assertThat(envelope.get("version").asLong()).isEqualTo(7);
    }

    @Test
    @DisplayName("included: the customer id and every personal field as recorded")
    void included() {
        JsonNode envelope = envelopes.of(stored(new CustomerEvent.AttributeRecorded(customer, AttributeKind.PSYCHOGRAPHIC,
                "seat", "aisle", false, recordedAt)), PersonalDataOut.INCLUDED);

        assertThat(envelope.get("subject").asText()).isEqualTo(customer.toString());
        assertThat(envelope.get("personaldata").asText()).isEqualTo("included");
        assertThat(envelope.at("/data/customerId").asText()).isEqualTo(customer.toString());
        assertThat(envelope.at("/data/value").asText()).isEqualTo("aisle");
        assertThat(envelope.at("/data/name").asText()).isEqualTo("seat");
    }

    @Test
    @DisplayName("pseudonymised: the pseudonym for the customer, personal fields left out, the others kept")
    void pseudonymised() {
        JsonNode envelope = envelopes.of(stored(new CustomerEvent.AttributeRecorded(customer, AttributeKind.PSYCHOGRAPHIC,
                "seat", "aisle", false, recordedAt)), PersonalDataOut.PSEUDONYMISED);

        String pseudonym = pseudonyms.of(customer).value();
        assertThat(envelope.get("subject").asText()).isEqualTo(pseudonym);
        assertThat(envelope.get("personaldata").asText()).isEqualTo("pseudonymised");
        assertThat(envelope.at("/data/customerId").asText()).isEqualTo(pseudonym);
        assertThat(envelope.get("data").has("value")).isFalse();
        assertThat(envelope.at("/data/name").asText()).isEqualTo("seat");
        assertThat(envelope.at("/data/kind").asText()).isEqualTo("PSYCHOGRAPHIC");
        assertThat(envelope.toString()).doesNotContain(customer.toString()).doesNotContain("aisle");
    }

    @Test
    @DisplayName("every personal field of every event is known as such")
    void personalFieldsOfEveryEvent() {
        assertThat(JourneyEventEnvelope.personalFields(CustomerEvent.CustomerRegistered.class))
                .contains("name", "email", "phone");
        assertThat(JourneyEventEnvelope.personalFields(CustomerEvent.SatisfactionMeasured.class))
                .containsExactlyInAnyOrder("answers", "comment");
        assertThat(JourneyEventEnvelope.personalFields(CustomerEvent.PurchaseRecorded.class)).isEmpty();
    }
}
