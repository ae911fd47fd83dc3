package io.cxengine.journey.command.recording;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies a command's provenance onto every event it records: the correlation id, the principal and system that
 * submitted it, the idempotency key, and the command (or deadline) that caused the event. Facts recorded by a
 * deadline carry the principal {@code system:service-standards}.
 */
class ProvenanceProvider implements CorrelationDataProvider {

    static final String DEADLINE_PRINCIPAL = "system:service-standards";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        var metaData = message.getMetaData();
        for (String key : new String[]{Provenance.CORRELATION_ID, Provenance.SYSTEM, Provenance.IDEMPOTENCY_KEY}) {
            if (metaData.containsKey(key)) {
                data.put(key, metaData.get(key));
            }
        }
        data.put(Provenance.PRINCIPAL, metaData.getOrDefault(Provenance.PRINCIPAL, DEADLINE_PRINCIPAL));
        data.put(Provenance.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
