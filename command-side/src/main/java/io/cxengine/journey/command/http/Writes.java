package io.cxengine.journey.command.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.command.idempotency.Answer;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.KeyedWrite;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.command.recording.Receipt;
import io.cxengine.journey.command.recording.Written;
import io.cxengine.journey.platform.correlation.CorrelationId;
import io.cxengine.journey.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
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

    static final String REPLAYED = "Idempotent-Replayed";
    private static final String[] KEPT_HEADERS = {HttpHeaders.ETAG, HttpHeaders.LOCATION};

    private final JourneyCommands commands;
    private final ObjectMapper json;
    private final CommandOutcomes outcomes;

    Writes(JourneyCommands commands, ObjectMapper json, CommandOutcomes outcomes) {
        this.commands = commands;
        this.json = json;
        this.outcomes = outcomes;
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
        return write(command, request, receipt -> ResponseEntity.ok().eTag(receipt.etag()).body(Recorded.of(receipt)));
    }

    /** Records a fact that is a resource of its own: 201 with its location and its id. */
    ResponseEntity<Recorded> create(CustomerCommand command, HttpServletRequest request, String location,
                                    UnaryOperator<Recorded> naming) {
        return write(command, request, receipt -> ResponseEntity.created(URI.create(location)).eTag(receipt.etag())
                .body(naming.apply(Recorded.of(receipt))));
    }

    /**
     * Sends the command; under an {@code Idempotency-Key} the answer is stored with the facts, and a key answered
     * before replays its first answer.
     */
    private ResponseEntity<Recorded> write(CustomerCommand command, HttpServletRequest request,
                                           Function<Receipt, ResponseEntity<Recorded>> answering) {
        MetaData provenance = provenance(request); // a malformed header refuses the request, not the command
        try {
            ResponseEntity<Recorded> answer = send(command, provenance, request, answering);
            if (answer.getHeaders().containsKey(REPLAYED)) {
                outcomes.replayed(command);
            } else {
                outcomes.recorded(command);
            }
            return answer;
        } catch (RuntimeException failure) {
            outcomes.notRecorded(command, failure);
            throw failure;
        }
    }

    private ResponseEntity<Recorded> send(CustomerCommand command, MetaData provenance, HttpServletRequest request,
                                          Function<Receipt, ResponseEntity<Recorded>> answering) {
        WriteGuard.HeldKey held = WriteGuard.heldKey(request);
        if (held == null) {
            return answering.apply(commands.record(command, provenance));
        }
        Written written = commands.record(command, provenance, new KeyedWrite(held.client(), held.key(),
                held.requestHash(), receipt -> stored(answering.apply(receipt))));
        if (written instanceof Written.Recorded recorded) {
            return answering.apply(recorded.receipt());
        }
        return replay((Written.Replayed) written);
    }

    /** The answer as a retry gets it again: status, the headers that belong to it, the body as JSON. */
    private Answer stored(ResponseEntity<Recorded> answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = answer.getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        try {
            return new Answer(answer.getStatusCode().value(), headers, json.writeValueAsString(answer.getBody()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not store the answer " + answer, e);
        }
    }

    private ResponseEntity<Recorded> replay(Written.Replayed replayed) {
        Answer answer = replayed.answer();
        if (answer == null) {
            // Recorded by an engine of before answers were kept with the facts, which died answering: its receipt.
            Receipt receipt = replayed.receipt();
            return ResponseEntity.ok().eTag(receipt.etag()).header(REPLAYED, "true").body(Recorded.of(receipt));
        }
        try {
            return ResponseEntity.status(answer.status()).headers(headers -> answer.headers().forEach(headers::set))
                    .header(REPLAYED, "true").body(json.readValue(answer.body(), Recorded.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not replay the stored answer " + answer, e);
        }
    }

    /** Who sent the request, as its verified token says; every command endpoint requires one. */
    static Caller caller() {
        return Caller.current().orElseThrow(() -> new IllegalStateException("A command reached without a token"));
    }

    static MetaData provenance(HttpServletRequest request) {
        Map<String, Object> values = new HashMap<>();
        Caller caller = caller();
        values.put(Provenance.CORRELATION_ID, CorrelationId.of(request));
        values.put(Provenance.PRINCIPAL, caller.subject());
        values.put(Provenance.SYSTEM, caller.client());
        WriteGuard.HeldKey held = WriteGuard.heldKey(request);
        if (held != null) {
            values.put(Provenance.IDEMPOTENCY_KEY, held.key());
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
