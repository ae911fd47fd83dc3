package io.cxengine.journey.command.customer.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.command.recording.Receipt;
import io.cxengine.journey.platform.correlation.CorrelationId;
import io.cxengine.journey.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every command endpoint does around its command: attach the request's provenance (correlation id, the token's
 * subject as principal and its client as system, idempotency key, expected version) and answer with the receipt (ETag,
 * Location, body).
 */
@Component
class Writes {

    private static final Pattern ETAG = Pattern.compile("\\s*(?:W/)?\"(\\d{1,18})\"\\s*");

    private final JourneyCommands commands;

    Writes(JourneyCommands commands) {
        this.commands = commands;
    }

    /** The receipt of a write: who, the new version, the position to read one's own write from, the created id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recorded(UUID customerId, long version, long position, UUID touchpointId, UUID complaintId,
                    UUID followUpId) {
        static Recorded of(Receipt receipt) {
            return new Recorded(UUID.fromString(receipt.customerId()), receipt.version(), receipt.position(),
                    null, null, null);
        }

        Recorded withTouchpoint(UUID id) {
            return new Recorded(customerId, version, position, id, complaintId, followUpId);
        }

        Recorded withComplaint(UUID id) {
            return new Recorded(customerId, version, position, touchpointId, id, followUpId);
        }

        Recorded withFollowUp(UUID id) {
            return new Recorded(customerId, version, position, touchpointId, complaintId, id);
        }
    }

    /** Records a fact about the customer: 200 with the new version. */
    ResponseEntity<Recorded> record(CustomerCommand command, HttpServletRequest request) {
        Receipt receipt = send(command, request);
        return ResponseEntity.ok().eTag(receipt.etag()).body(Recorded.of(receipt));
    }

    /** Records a fact that is a resource of its own: 201 with its location and its id. */
    ResponseEntity<Recorded> create(CustomerCommand command, HttpServletRequest request, String location,
                                    UnaryOperator<Recorded> naming) {
        Receipt receipt = send(command, request);
        return ResponseEntity.created(URI.create(location)).eTag(receipt.etag())
                .body(naming.apply(Recorded.of(receipt)));
    }

    private Receipt send(CustomerCommand command, HttpServletRequest request) {
        return commands.record(command, provenance(request));
    }

    /** Who sent the request, as its verified token says; every command endpoint requires one. */
    static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("A command reached without a token"));
    }

    private static MetaData provenance(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        Caller caller = caller();
        values.put(Provenance.CORRELATION_ID, CorrelationId.of(request));
        values.put(Provenance.PRINCIPAL, caller.subject());
        values.put(Provenance.SYSTEM, caller.client());
        WriteGuard.HeldKey held = WriteGuard.heldKey(request);
        if (held != null) {
            values.put(Provenance.IDEMPOTENCY_KEY, held.key());
            values.put(Provenance.IDEMPOTENCY_CLAIM, held.claimId());
        }
        expectedVersion(request.getHeader(HttpHeaders.IF_MATCH))
                .ifPresent(version -> values.put(Provenance.EXPECTED_VERSION, version));
        return MetaData.from(values);
    }

    /** {@code If-Match: "7"} (or {@code W/"7"}); {@code *} asks for no particular version. */
    static Optional<Long> expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return Optional.empty();
        }
        Matcher version = ETAG.matcher(ifMatch);
        if (!version.matches()) {
            throw new InvalidHeader(HttpHeaders.IF_MATCH,
                    "If-Match must be one version as the ETag gives it, e.g. \"3\"; not " + ifMatch);
        }
        return Optional.of(Long.parseLong(version.group(1)));
    }
}
