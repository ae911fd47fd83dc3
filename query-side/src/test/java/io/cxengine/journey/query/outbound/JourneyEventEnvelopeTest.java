package io.cxengine.journey.query.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cxengine.journey.customer.ApologyReason;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.pseudonym.Pseudonyms;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class JourneyEventEnvelopeTest {

    private final KeyEncryptionKey kek = KeyEncryptionKey.random();
    private final Pseudonyms pseudonyms = new Pseudonyms(kek);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final JourneyEventEnvelope envelopes = new JourneyEventEnvelope(json, pseudonyms, kek);
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
        assertThat(envelope.get("data").has("name")).as("an attribute's name is text someone chose").isFalse();
        assertThat(envelope.at("/data/kind").asText()).isEqualTo("PSYCHOGRAPHIC");
        assertThat(envelope.toString()).doesNotContain(customer.toString()).doesNotContain("aisle")
                .doesNotContain("seat");
    }

    @Test
    @DisplayName("pseudonymised, the at-risk signal keeps its signs and balance: words of the domain, no one's data")
    void atRiskSignal() {
        JsonNode envelope = envelopes.of(stored(new CustomerEvent.CustomerAtRisk(customer,
                EnumSet.of(RiskSign.NEGATIVE_BALANCE, RiskSign.COMPLAINT_PAST_STANDARD), -2, recordedAt)),
                PersonalDataOut.PSEUDONYMISED);

        assertThat(envelope.get("type").asText()).isEqualTo("io.cxengine.journey.CustomerAtRisk");
        assertThat(envelope.at("/data/signs").toString()).isEqualTo("[\"NEGATIVE_BALANCE\",\"COMPLAINT_PAST_STANDARD\"]");
        assertThat(envelope.at("/data/recentBalance").asInt()).isEqualTo(-2);
        assertThat(envelope.at("/data/customerId").asText()).isEqualTo(pseudonyms.of(customer).value());
    }

    @Test
    @DisplayName("a special-category attribute: its value withheld when included, name and value left out otherwise")
    void specialCategory() {
        CustomerEvent.AttributeRecorded faith = new CustomerEvent.AttributeRecorded(customer,
                AttributeKind.PSYCHOGRAPHIC, "religion", "canary-faith", true, recordedAt);

        JsonNode included = envelopes.of(stored(faith), PersonalDataOut.INCLUDED);
        assertThat(included.at("/data/value").asText()).isEqualTo(PersonalData.WITHHELD);
        assertThat(included.toString()).doesNotContain("canary-faith");

        JsonNode pseudonymised = envelopes.of(stored(faith), PersonalDataOut.PSEUDONYMISED);
        assertThat(pseudonymised.get("data").has("name")).isFalse();
        assertThat(pseudonymised.toString()).doesNotContain("canary-faith").doesNotContain("religion");
    }

    @Test
    @DisplayName("pseudonymised: ids opaque but stable, free text left out, what is no one's words kept")
    void pseudonymisedFieldByField() {
        ComplaintId complaint = ComplaintId.of(UUID.randomUUID().toString());
        TouchpointId touchpoint = TouchpointId.of(UUID.randomUUID().toString());
        CustomerEvent.ApologyIssued apology = new CustomerEvent.ApologyIssued(customer, complaint, touchpoint,
                ApologyReason.values()[0], "canary-agent", recordedAt);
        CustomerEvent.ServiceStandardBreached breach = new CustomerEvent.ServiceStandardBreached(customer,
                ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, complaint.toString(), recordedAt, recordedAt, recordedAt);
        CustomerEvent.PurchaseRecorded purchase = new CustomerEvent.PurchaseRecorded(customer, "canary-order-536365",
                Money.of("12.50", "GBP"), null, null, recordedAt);
        CustomerEvent.AccountReactivated reactivated = new CustomerEvent.AccountReactivated(customer,
                "canary-trigger", recordedAt);

        JsonNode apologised = envelopes.of(stored(apology), PersonalDataOut.PSEUDONYMISED);
        JsonNode breached = envelopes.of(stored(breach), PersonalDataOut.PSEUDONYMISED);
        JsonNode bought = envelopes.of(stored(purchase), PersonalDataOut.PSEUDONYMISED);
        JsonNode back = envelopes.of(stored(reactivated), PersonalDataOut.PSEUDONYMISED);

        for (JsonNode message : List.of(apologised, breached, bought, back)) {
            assertThat(message.toString()).doesNotContain("canary").doesNotContain(complaint.toString())
                    .doesNotContain(touchpoint.toString()).doesNotContain(eventId.toString())
                    .doesNotContain(customer.toString());
            assertThat(message.get("id").asText()).startsWith("x_");
        }
        assertThat(apologised.at("/data/complaintId").asText()).startsWith("x_")
                .isEqualTo(breached.at("/data/subject").asText());
        assertThat(apologised.get("data").has("by")).isFalse();
        assertThat(apologised.at("/data/reason").asText()).isEqualTo(ApologyReason.values()[0].name());
        assertThat(bought.at("/data/orderId").asText()).startsWith("x_");
        assertThat(bought.at("/data/amount/amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(back.get("data").has("trigger")).isFalse();
        assertThat(breached.at("/data/standard").asText()).isEqualTo("COMPLAINT_ACKNOWLEDGEMENT");
        assertThat(envelopes.of(stored(apology), PersonalDataOut.PSEUDONYMISED).get("id"))
                .as("the same id in every delivery").isEqualTo(apologised.get("id"));
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
