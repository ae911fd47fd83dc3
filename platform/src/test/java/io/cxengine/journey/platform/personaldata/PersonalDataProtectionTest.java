package io.cxengine.journey.platform.personaldata;

import io.cxengine.journey.platform.eventstore.JournalSerializers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengine.journey.customer.Channel;
import io.cxengine.journey.customer.CustomerEvent.AttributeRecorded;
import io.cxengine.journey.customer.CustomerEvent.CustomerRegistered;
import io.cxengine.journey.customer.CustomerEvent.SatisfactionMeasured;
import io.cxengine.journey.customer.CustomerEvent.TouchpointRecorded;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.Direction;
import io.cxengine.journey.customer.IdentificationMethod;
import io.cxengine.journey.customer.InteractionStage;
import io.cxengine.journey.customer.PersonalData;
import io.cxengine.journey.customer.SurveyKind;
import io.cxengine.journey.customer.TouchpointId;
import io.cxengine.journey.customer.Valence;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How personal fields are sealed in the journal, and where (and only where) a sealed value opens. */
class PersonalDataProtectionTest {

    static final CustomerId ADA = CustomerId.of("7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21");
    static final CustomerId MALLORY = CustomerId.of("3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
    static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456Z");
    /** The data key the legacy values below were sealed with. */
    static final SecretKey LEGACY_KEY = PersonalDataKeys.key(
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    /** Stored by the release before keys were split: every {@code pd1:} value used the data key for both purposes. */
    static final String LEGACY_REGISTERED = """
            {"customerId":"7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21","email":"pd1:7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21:BXMiVkYHdovaE8_cFVTysRk04YoiThMd5_fscKD8igqKh8NzEgeMS7ZtIQ","identifiedVia":"CALLER_ID","name":"pd1:7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21:ws_VNaahIlxsBgoTyl_qAmP9HxJeykbNCSuM2sjeRDWE7oR33GhE1g","occurredAt":"2026-03-01T12:00:00.123456Z","phone":null}""";
    static final String LEGACY_SURVEY = """
            {"answers":{"why":"pd1:7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21:xDyLtMNRS7EgkHWCy-Ja8O5DhPqojPM5DFTUCHLc_XRl"},"comment":"pd1:7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21:C3kgX3yw_mikw7ybOcYCL6IFVAxkDIACkcsa4uyf6AQNQHc","customerId":"7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21","kind":"CSAT","occurredAt":"2026-03-01T12:00:00.123456Z","score":4,"statedReason":null}""";

    /** One key for every customer: so that a value that does not open shows the rule, not a missing key. */
    final PersonalDataKeys keys = new PersonalDataKeys() {
        @Override
        public DataKey keyFor(UUID customer) {
            return DataKey.of(LEGACY_KEY);
        }

        @Override
        public Optional<DataKey> existing(UUID customer) {
            return Optional.of(DataKey.of(LEGACY_KEY));
        }

        @Override
        public void destroy(UUID customer) {
        }
    };
    final ObjectMapper journal = JournalSerializers.journalMapper(keys);

    @Nested
    @DisplayName("sealing")
    class Sealing {

        @Test
        @DisplayName("new values are sealed as pd2, deterministically, and open again")
        void sealsAsPd2() throws Exception {
            var registered = registered(ADA, "Ada Lovelace");
            String stored = journal.writeValueAsString(registered);

            assertThat(stored).doesNotContain("Lovelace").contains("\"name\":\"pd2:" + ADA + ":");
            assertThat(journal.writeValueAsString(registered)).as("deterministic").isEqualTo(stored);
            assertThat(journal.readValue(stored, CustomerRegistered.class)).isEqualTo(registered);
        }

        @Test
        @DisplayName("pd2 values are encrypted under a key derived for encryption, not under the data key itself")
        void derivedEncryptionKey() throws Exception {
            String sealed = journal.readTree(journal.writeValueAsString(registered(ADA, "Ada Lovelace")))
                    .get("name").asText();
            byte[] stored = Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));

            assertThat(decrypt(DataKey.of(LEGACY_KEY).encryption(), stored)).isEqualTo("Ada Lovelace");
            assertThatThrownBy(() -> decrypt(LEGACY_KEY, stored)).isInstanceOf(AEADBadTagException.class);
            assertThat(DataKey.of(LEGACY_KEY).iv().getEncoded()).isNotEqualTo(DataKey.of(LEGACY_KEY).encryption().getEncoded())
                    .isNotEqualTo(LEGACY_KEY.getEncoded());
        }

        @Test
        @DisplayName("pd1 values stored by the previous release open as they did, personal fields before customerId too")
        void legacyOpens() throws Exception {
            assertThat(journal.readValue(LEGACY_REGISTERED, CustomerRegistered.class))
                    .isEqualTo(new CustomerRegistered(ADA, "Ada Lovelace", "ada@example.com", null,
                            IdentificationMethod.CALLER_ID, AT));
            SatisfactionMeasured survey = journal.readValue(LEGACY_SURVEY, SatisfactionMeasured.class);
            assertThat(survey.answers()).isEqualTo(Map.of("why", "price"));
            assertThat(survey.comment()).isEqualTo("cheaper");
        }

        @Test
        @DisplayName("a destroyed key reads as erased")
        void erased() throws Exception {
            PersonalDataKeys inMemory = PersonalDataKeys.inMemory();
            ObjectMapper mapper = JournalSerializers.journalMapper(inMemory);
            String stored = mapper.writeValueAsString(registered(ADA, "Ada Lovelace"));
            inMemory.destroy(ADA.value());

            assertThat(mapper.readValue(stored, CustomerRegistered.class).name()).isEqualTo(PersonalData.ERASED);
        }
    }

    @Nested
    @DisplayName("a sealed value opens only in a personal field of its own customer's event")
    class CustomerBound {

        final String adasPd2 = sealedName(ADA, "Ada Lovelace");
        final String adasPd1 = "pd1:7d8f3c1e-5b7a-4c3e-9f1d-2a6b8c0e4f21:ws_VNaahIlxsBgoTyl_qAmP9HxJeykbNCSuM2sjeRDWE7oR33GhE1g";

        @Test
        @DisplayName("Ada's sealed values, placed in Mallory's event, read as the text they are")
        void anotherCustomersEvent() throws Exception {
            for (String forged : new String[]{adasPd2, adasPd1}) {
                ObjectNode event = (ObjectNode) journal.readTree(journal.writeValueAsString(registered(MALLORY, "x")));
                event.put("name", forged);
                event.put("email", forged);

                CustomerRegistered read = journal.treeToValue(event, CustomerRegistered.class);
                assertThat(read.name()).isEqualTo(forged);
                assertThat(read.email()).isEqualTo(forged);
            }
        }

        @Test
        @DisplayName("Ada's sealed values in fields that are not personal read as text, even in Ada's own events")
        void notPersonal() throws Exception {
            for (String forged : new String[]{adasPd2, adasPd1}) {
                var touchpoint = new TouchpointRecorded(ADA, TouchpointId.random(), Channel.PHONE, Direction.INBOUND,
                        "billing", InteractionStage.GREETING, Valence.NEUTRAL, forged, forged, null, null, "note",
                        false, null, null, null, null, null, null, null, AT);
                var attribute = new AttributeRecorded(ADA, io.cxengine.journey.customer.AttributeKind.DEMOGRAPHIC,
                        forged, "value", false, AT);

                assertThat(journal.readValue(journal.writeValueAsString(touchpoint), TouchpointRecorded.class))
                        .isEqualTo(touchpoint);
                assertThat(journal.readValue(journal.writeValueAsString(attribute), AttributeRecorded.class))
                        .isEqualTo(attribute);
            }
        }

        @Test
        @DisplayName("a sealed value typed into a personal field is sealed around, and reads back as typed")
        void typedIn() throws Exception {
            var survey = new SatisfactionMeasured(MALLORY, SurveyKind.CSAT, 1, null, Map.of("why", adasPd2), adasPd1, AT);

            assertThat(journal.readValue(journal.writeValueAsString(survey), SatisfactionMeasured.class)).isEqualTo(survey);
        }

        @Test
        @DisplayName("outside an event (metadata, snapshots, deadline payloads) a sealed value is text")
        void outsideEvents() throws Exception {
            String json = journal.writeValueAsString(Map.of("principal", adasPd2, "system", adasPd1));

            assertThat(journal.readValue(json, new TypeReference<Map<String, String>>() {
            })).containsEntry("principal", adasPd2).containsEntry("system", adasPd1);
            assertThat(journal.readValue(journal.writeValueAsString(adasPd2), String.class)).isEqualTo(adasPd2);
        }
    }

    private String sealedName(CustomerId customer, String name) {
        try {
            return journal.readTree(journal.writeValueAsString(registered(customer, name))).get("name").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CustomerRegistered registered(CustomerId customer, String name) {
        return new CustomerRegistered(customer, name, "ada@example.com", null, IdentificationMethod.CALLER_ID, AT);
    }

    private static String decrypt(SecretKey key, byte[] stored) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, stored, 0, 12));
        cipher.updateAAD(ADA.toString().getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
    }
}
