package io.cxengine.journey.command.recording;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies a command's provenance onto every event it records: the correlation id, the principal and system that
 * submitted it, the idempotency key (or the import line), and the command (or deadline) that caused the event. Facts recorded when a
 * deadline fires keep the correlation id of the request that started the clock, but were submitted by the engine
 * itself: principal {@code system:service-standards}.
 */
class ProvenanceProvider implements CorrelationDataProvider {

    static final String DEADLINE_PRINCIPAL = "system:service-standards";
    static final String ENGINE = "journey-engine";

    /**
     * Provenance for what a command or a deadline records. An event handled by a projection gets none: it carries its
     * own provenance already, nothing a projection sends (a live update) needs it, and reading it would decode every
     * event's metadata once more in every projection.
     */
    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        if (message instanceof EventMessage && !(message instanceof DeadlineMessage)) {
            return Map.of();
        }
        Map<String, Object> data = new HashMap<>();
        var metaData = message.getMetaData();
        if (metaData.containsKey(Provenance.CORRELATION_ID)) {
            data.put(Provenance.CORRELATION_ID, metaData.get(Provenance.CORRELATION_ID));
        }
        if (message instanceof DeadlineMessage) {
            data.put(Provenance.PRINCIPAL, DEADLINE_PRINCIPAL);
            data.put(Provenance.SYSTEM, ENGINE);
        } else {
            data.put(Provenance.PRINCIPAL, metaData.getOrDefault(Provenance.PRINCIPAL, DEADLINE_PRINCIPAL));
            for (String key : new String[]{Provenance.SYSTEM, Provenance.IDEMPOTENCY_KEY, Provenance.IMPORT_LINE}) {
                if (metaData.containsKey(key)) {
                    data.put(key, metaData.get(key));
                }
            }
        }
        data.put(Provenance.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
