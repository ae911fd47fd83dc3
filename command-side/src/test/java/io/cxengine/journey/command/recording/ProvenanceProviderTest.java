package io.cxengine.journey.command.recording;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceProviderTest {

    private final ProvenanceProvider provider = new ProvenanceProvider();

    @Test
    void aCommandsProvenanceGoesToItsEvents() {
        var command = GenericCommandMessage.asCommandMessage("record").andMetaData(Map.of(
                Provenance.CORRELATION_ID, "c-1", Provenance.PRINCIPAL, "agent-7", Provenance.SYSTEM, "crm",
                Provenance.IMPORT_LINE, "import-1#12", "unrelated", "dropped"));

        assertThat(Map.<String, Object>copyOf(provider.correlationDataFor(command))).isEqualTo(Map.of(
                Provenance.CORRELATION_ID, "c-1", Provenance.PRINCIPAL, "agent-7", Provenance.SYSTEM, "crm",
                Provenance.IMPORT_LINE, "import-1#12", Provenance.CAUSATION_ID, command.getIdentifier()));
    }

    @Test
    void aDeadlineRecordsAsTheEngineKeepingTheStartersCorrelation() {
        var deadline = GenericDeadlineMessage.asDeadlineMessage("service-standard", "clock", java.time.Instant.now())
                .andMetaData(MetaData.with(Provenance.CORRELATION_ID, "c-2").and(Provenance.PRINCIPAL, "agent-7"));

        assertThat(Map.<String, Object>copyOf(provider.correlationDataFor(deadline))).isEqualTo(Map.of(
                Provenance.CORRELATION_ID, "c-2", Provenance.PRINCIPAL, ProvenanceProvider.DEADLINE_PRINCIPAL,
                Provenance.SYSTEM, ProvenanceProvider.ENGINE, Provenance.CAUSATION_ID, deadline.getIdentifier()));
    }

    @Test
    void anEventInAProjectionIsNotReadForProvenance() {
        var event = new GenericEventMessage<>("fact", MetaData.with(Provenance.PRINCIPAL, "agent-7")) {
            @Override
            public MetaData getMetaData() {
                throw new AssertionError("a projection's event was decoded for provenance");
            }
        };

        assertThat(provider.correlationDataFor(event)).isEmpty();
    }
}
