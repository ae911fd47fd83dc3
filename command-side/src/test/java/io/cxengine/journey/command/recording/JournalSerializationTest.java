package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.customer.ServiceClock;
import io.cxengine.journey.customer.ApologyReason;
import io.cxengine.journey.customer.AttributeKind;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.ComplaintCategory;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.CustomerEvent.*;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.LossReason;
import io.cxengine.journey.customer.PhraseToAvoid;
import io.cxengine.journey.customer.RiskSign;
import io.cxengine.journey.customer.Money;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.customer.Severity;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.platform.eventstore.JournalSerializers;
import io.cxengine.journey.platform.personaldata.PersonalDataKeys;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every event, and every deadline payload, survives the journal's JSON unchanged. */
class JournalSerializationTest {

    static final Serializer JOURNAL = JournalSerializers.jackson();
    static final CustomerId C = CustomerId.of("7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21");
    static final TouchpointId T = TouchpointId.random();
    static final ComplaintId K = ComplaintId.random();
    static final FollowUpId F = FollowUpId.random();
    static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456Z");

    /** One example of every event in the family. */
    static final List<CustomerEvent> EVERY_EVENT = List.of(
            new CustomerRegistered(C, "Ada", "ada@example.com", "+44 1", IdentificationMethod.CALLER_ID, AT),
            new AttributeRecorded(C, AttributeKind.FIRMOGRAPHIC, "employees", "250", false, AT),
            new ConsentGranted(C, Channel.EMAIL, AT),
            new ConsentWithdrawn(C, Channel.EMAIL, AT),
            new TouchpointRecorded(C, T, Channel.PHONE, Direction.INBOUND, "billing", InteractionStage.GREETING,
                    Valence.NEGATIVE, "agent", "Contact Centre Lisbon", 30, 120, "note", true, ServiceStandard.CALL_RETURN,
                    AT.plusSeconds(86_400), null, 18, "call-2026-03-01-0042", Map.of(PhraseToAvoid.CALM_DOWN, 1),
                    Map.of(ServiceStandard.CALL_RETURN, 3, ServiceStandard.PHONE_ANSWER, 2), AT),
            new ConsentBreached(C, Channel.PHONE, T, AT),
            new ComplaintFiled(C, K, ComplaintCategory.OTHER, "parking", "No space", Severity.LOW, T,
                    AT.plusSeconds(86_400), Map.of(ServiceStandard.COMPLAINT_ACKNOWLEDGEMENT, 1), AT),
            new ComplaintAcknowledged(C, K, AT),
            new SolutionProposed(C, K, "Refund", AT),
            new SolutionAgreed(C, K, "Refund", AT.plusSeconds(3600), AT),
            new ComplaintResolved(C, K, "Refunded", AT),
            new ComplaintReopened(C, K, "Not refunded", AT),
            new ApologyIssued(C, K, null, ApologyReason.MISTAKE, "agent", AT),
            new FollowUpScheduled(C, F, AT.plusSeconds(3600), Channel.PHONE, "check", K, AT),
            new FollowUpCompleted(C, F, "ok", Valence.POSITIVE, AT),
            new FollowUpMissed(C, F, AT, AT),
            new SatisfactionMeasured(C, SurveyKind.LOST_ACCOUNT, null, LossReason.COMPETITOR, Map.of("why", "price"),
                    "cheaper", AT),
            new PurchaseRecorded(C, "536365", Money.of("1234.5600", "GBP"), AT.plusSeconds(86_400),
                    Map.of(ServiceStandard.ORDER_FULFILMENT, 2), AT),
            new OrderFulfilled(C, "536365", AT),
            new ServiceStandardBreached(C, ServiceStandard.FOLLOW_UP, F.toString(), AT, AT, AT),
            new AccountLost(C, LossReason.INDIFFERENCE, "silence", AT),
            new WinBackAttempted(C, "10% off", Channel.MAIL, AT),
            new AccountReactivated(C, "PURCHASE", AT),
            new CustomerAtRisk(C, EnumSet.of(RiskSign.NEGATIVE_BALANCE, RiskSign.REPEATED_BREACHES), -3, AT),
            new CustomerNoLongerAtRisk(C, AT),
            new PersonalDataErased(C, AT));

    @Test
    @DisplayName("the examples cover every event of the sealed family")
    void coversEveryEvent() {
        Set<Class<?>> permitted = Arrays.stream(CustomerEvent.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(EVERY_EVENT.stream().map(Object::getClass).collect(Collectors.toSet())).isEqualTo(permitted);
    }

    @Test
    @DisplayName("every event round-trips through the journal's JSON, with its revision")
    void roundTrip() {
        for (CustomerEvent event : EVERY_EVENT) {
            SerializedObject<byte[]> stored = JOURNAL.serialize(event, byte[].class);
            assertThat(stored.getType().getRevision()).as(event.getClass().getSimpleName())
                    .isEqualTo(event instanceof TouchpointRecorded ? "6" : event instanceof PurchaseRecorded ? "3"
                            : event instanceof ComplaintFiled ? "2" : "1");
            assertThat((Object) JOURNAL.deserialize(stored)).isEqualTo(event);
        }
    }

    @Test
    @DisplayName("personal fields are stored sealed with the customer's key, and read as erased once it is destroyed")
    void personalDataIsSealed() {
        PersonalDataKeys keys = PersonalDataKeys.inMemory();
        Serializer journal = JournalSerializers.jackson(keys);
        var registered = new CustomerRegistered(C, "Ada Canary", "ada.canary@example.com", "+44 1", IdentificationMethod.CALLER_ID, AT);

        SerializedObject<byte[]> stored = journal.serialize(registered, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Canary").doesNotContain("canary").contains("\"name\":\"pd2:" + C + ":");
        assertThat(journal.serialize(registered, byte[].class).getData()).as("sealing is deterministic")
                .isEqualTo(stored.getData());
        assertThat((Object) journal.deserialize(stored)).isEqualTo(registered);

        keys.destroy(C.value());
        CustomerRegistered erased = journal.deserialize(stored);
        assertThat(erased.name()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.email()).isEqualTo(PersonalData.ERASED);
        assertThat(erased.identifiedVia()).isEqualTo(IdentificationMethod.CALLER_ID);
    }

    @Test
    @DisplayName("identifiers are stored as bare UUIDs, so a deadline's scope finds its customer again")
    void identifiersAreBare() {
        String json = new String(JOURNAL.serialize(new ConsentGranted(C, Channel.FAX, AT), byte[].class).getData(),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"customerId\":\"" + C + "\"");

        var scope = new AggregateScopeDescriptor("Customer", C);
        AggregateScopeDescriptor back = JOURNAL.deserialize(JOURNAL.serialize(scope, byte[].class));
        assertThat(back.getIdentifier().toString()).isEqualTo(C.toString());

        var clock = new ServiceClock(ServiceStandard.CALL_RETURN, T.toString(), AT, AT.plusSeconds(60));
        assertThat((Object) JOURNAL.deserialize(JOURNAL.serialize(clock, byte[].class))).isEqualTo(clock);
    }
}
