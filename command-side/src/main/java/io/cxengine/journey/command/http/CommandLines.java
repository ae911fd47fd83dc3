package io.cxengine.journey.command.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.command.customer.CustomerCommand;
import io.cxengine.journey.customer.ComplaintId;
import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.customer.FollowUpId;
import io.cxengine.journey.platform.http.ProblemAdviceSupport;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command written as a line of text: the path of the endpoint that records it and the body that endpoint takes,
 * <pre>{"path": "/customers/0b8e…/touchpoints", "body": {"channel": "PHONE", …}}</pre>
 * read and validated exactly as that endpoint reads and validates its request, into the command it would send. Every
 * {@code POST} command endpoint has its line; erasure ({@code DELETE}) has none.
 */
@Component
public class CommandLines {

    private static final String ID = "([0-9a-fA-F-]{36})";
    private static final List<Route> ROUTES = List.of(
            route("/customers", CustomerRegistrationController.RegisterCustomerRequest.class, null,
                    ids -> CommandBody.Target.customer(null)),
            customerRoute("attributes", CustomerRegistrationController.AttributeRequest.class, null),
            customerRoute("consents", CustomerRegistrationController.ConsentRequest.class, null),
            customerRoute("touchpoints", TouchpointController.TouchpointRequest.class, null),
            customerRoute("complaints", ComplaintController.ComplaintRequest.class, null),
            complaintRoute("acknowledgement", ComplaintController.StepRequest.class,
                    ComplaintController.StepRequest.NOW),
            complaintRoute("proposals", ComplaintController.ProposalRequest.class, null),
            complaintRoute("agreement", ComplaintController.AgreementRequest.class,
                    ComplaintController.AgreementRequest.NOW),
            complaintRoute("resolution", ComplaintController.ResolutionRequest.class, null),
            complaintRoute("reopening", ComplaintController.ReopeningRequest.class, null),
            customerRoute("apologies", ComplaintController.ApologyRequest.class, null),
            customerRoute("follow-ups", FollowUpController.FollowUpRequest.class, null),
            route("/customers/" + ID + "/follow-ups/" + ID + "/completion", FollowUpController.CompletionRequest.class,
                    null, ids -> CommandBody.Target.followUp(CustomerId.of(ids.group(1)), FollowUpId.of(ids.group(2)))),
            customerRoute("surveys", AccountController.SurveyRequest.class, null),
            customerRoute("purchases", AccountController.PurchaseRequest.class, null),
            customerRoute("fulfilments", AccountController.FulfilmentRequest.class, null),
            customerRoute("loss", AccountController.LossRequest.class, null),
            customerRoute("win-back-attempts", AccountController.WinBackRequest.class, null),
            customerRoute("reactivation", AccountController.ReactivationRequest.class,
                    AccountController.ReactivationRequest.NOW));

    private final ObjectMapper json;
    private final Validator validator;

    CommandLines(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** A line that is not a command the API would accept, with the problem its endpoint would have answered. */
    public static final class InvalidLine extends RuntimeException {

        private final transient ProblemDetail problem;

        InvalidLine(ProblemDetail problem) {
            super(problem.getDetail());
            this.problem = problem;
        }

        public ProblemDetail problem() {
            return problem;
        }
    }

    /**
     * A line as written: the endpoint's path, its body (absent where the endpoint's body is optional) and, if the line
     * is sent under one, its {@code Idempotency-Key}.
     */
    record Line(String path, JsonNode body, String idempotencyKey) {
    }

    /**
     * A line's command and, if it carries an {@code idempotencyKey}, the key and the request it promises: the
     * fingerprint a request to the line's endpoint with the line's body, byte for byte, has
     * ({@link WriteGuard#fingerprint}), so that the line and such a request are one write under the key.
     */
    public record KeyedCommand(CustomerCommand command, String idempotencyKey, String requestHash) {
    }

    /**
     * The command this line asks for, as its endpoint would send it at {@code now}, with the line's
     * {@code idempotencyKey} and the request it promises, if it has one.
     *
     * @throws InvalidLine if the line is not JSON of that shape, names no command endpoint, its body breaks the
     *                     endpoint's rules, or its key is not a key
     */
    public KeyedCommand read(byte[] text, Instant now) {
        Line line = line(text);
        CustomerCommand command = command(line, now);
        if (line.idempotencyKey() == null) {
            return new KeyedCommand(command, null, null);
        }
        if (!WriteGuard.validKey(line.idempotencyKey())) {
            throw invalid("idempotencyKey", "must be 1 to 255 printable ASCII characters");
        }
        return new KeyedCommand(command, line.idempotencyKey(),
                WriteGuard.fingerprint("POST", line.path(), bodyBytes(text)));
    }

    /** The bytes of the line's {@code body} as written (none when it has none). */
    private byte[] bodyBytes(byte[] text) {
        try (JsonParser parser = json.getFactory().createParser(text)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                long from = parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                if ("body".equals(field) && parser.currentToken() != JsonToken.VALUE_NULL) {
                    long to = parser.currentLocation().getByteOffset();
                    return Arrays.copyOfRange(text, (int) from, (int) to);
                }
            }
            return new byte[0];
        } catch (IOException unreadable) {
            throw new InvalidLine(ProblemAdviceSupport.unreadable(unreadable));
        }
    }

    /** One endpoint: its path, the body it reads, the body it assumes when none is sent, and what its path names. */
    private record Route(Pattern path, Class<? extends CommandBody> body, CommandBody whenAbsent,
                         Function<Matcher, CommandBody.Target> target) {
    }

    private Line line(byte[] text) {
        try {
            return json.readValue(text, Line.class);
        } catch (IOException unreadable) {
            throw new InvalidLine(ProblemAdviceSupport.unreadable(unreadable));
        }
    }

    private CustomerCommand command(Line line, Instant now) {
        if (line == null || line.path() == null) {
            throw invalid("path", "is required: the path of the endpoint that records the command");
        }
        for (Route route : ROUTES) {
            Matcher ids = route.path().matcher(line.path());
            if (ids.matches()) {
                CommandBody.Target target;
                try {
                    target = route.target().apply(ids);
                } catch (IllegalArgumentException notAnId) {
                    throw invalid("path", "names an id that is not a UUID: " + line.path());
                }
                return body(route, line.body()).command(target, now);
            }
        }
        throw invalid("path", "is not the path of an endpoint that records a command: " + line.path());
    }

    private CommandBody body(Route route, JsonNode body) {
        if (body == null || body.isNull()) {
            if (route.whenAbsent() == null) {
                throw invalid("body", "is required for " + route.path().pattern().replace(ID, "{id}"));
            }
            return route.whenAbsent();
        }
        CommandBody request;
        try {
            request = json.treeToValue(body, route.body());
        } catch (IOException unreadable) {
            throw new InvalidLine(ProblemAdviceSupport.unreadable(unreadable));
        }
        List<Map<String, Object>> errors = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<CommandBody> violation) ->
                        violation.getPropertyPath().toString()))
                .map(violation -> Map.<String, Object>of("field", violation.getPropertyPath().toString(),
                        "message", violation.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidLine(ProblemAdviceSupport.invalidRequest(errors));
        }
        return request;
    }

    private static InvalidLine invalid(String field, String message) {
        return new InvalidLine(ProblemAdviceSupport.invalidRequest(List.of(Map.of("field", field, "message", message))));
    }

    private static Route route(String path, Class<? extends CommandBody> body, CommandBody whenAbsent,
                               Function<Matcher, CommandBody.Target> target) {
        return new Route(Pattern.compile(path), body, whenAbsent, target);
    }

    private static Route customerRoute(String resource, Class<? extends CommandBody> body, CommandBody whenAbsent) {
        return route("/customers/" + ID + "/" + resource, body, whenAbsent,
                ids -> CommandBody.Target.customer(CustomerId.of(ids.group(1))));
    }

    private static Route complaintRoute(String step, Class<? extends CommandBody> body, CommandBody whenAbsent) {
        return route("/customers/" + ID + "/complaints/" + ID + "/" + step, body, whenAbsent,
                ids -> CommandBody.Target.complaint(CustomerId.of(ids.group(1)), ComplaintId.of(ids.group(2))));
    }
}
