package io.cxengine.journey.command.customer.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.command.recording.IdempotencyKeyInFlight;
import io.cxengine.journey.command.recording.IdempotencyRecords;
import io.cxengine.journey.command.recording.IdempotencyRecords.Claim;
import io.cxengine.journey.command.recording.IdempotencySettings;
import io.cxengine.journey.command.recording.JourneyCommands;
import io.cxengine.journey.command.recording.Receipt;
import io.cxengine.journey.command.recording.ResponseHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stands before every command endpoint: refuses bodies too large, and keeps the promise of {@code Idempotency-Key}.
 * The same key with the same request replays the first response and records nothing; with another request it is a
 * 422; while the first request is still running it is a 409. A refused request releases its key.
 */
@Component
class WriteGuard implements HandlerInterceptor {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final String CLAIM = WriteGuard.class.getName() + ".claim";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7e]{1,255}");
    /** What Spring can write a command's answer as. */
    private static final List<MediaType> ANSWER_TYPES = List.of(MediaType.APPLICATION_JSON,
            MediaType.valueOf("application/*+json"), MediaType.valueOf("application/yaml"));
    private static final String[] KEPT_HEADERS = {HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE};

    private final IdempotencyRecords records;
    private final IdempotencySettings settings;
    private final ApiSettings api;
    private final JourneyCommands commands;
    private final ObjectMapper json;
    private final Clock clock;

    WriteGuard(IdempotencyRecords records, IdempotencySettings settings, ApiSettings api, JourneyCommands commands,
               ObjectMapper json, Clock clock) {
        this.records = records;
        this.settings = settings;
        this.api = api;
        this.commands = commands;
        this.json = json;
        this.clock = clock;
    }

    /** The idempotency claim this request holds, if it carries a key; keys are the client's own. */
    record HeldKey(String client, String key, String claimId) {
    }

    static HeldKey heldKey(HttpServletRequest request) {
        return (HeldKey) request.getAttribute(CLAIM);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, HttpMediaTypeNotAcceptableException {
        if (!isCommand(handler)) {
            return true;
        }
        if (request.getAttribute(RequestBodyFilter.TOO_LARGE) instanceof Long size) {
            throw new PayloadTooLarge(size, api.maxBodySize().toBytes());
        }
        if (request.getAttribute(RequestBodyFilter.BODY) instanceof byte[] && !acceptsTheAnswer(request)) {
            // A write is refused before its command runs: refused after it, its facts would be recorded under a 406.
            throw new HttpMediaTypeNotAcceptableException(ANSWER_TYPES);
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null || !(request.getAttribute(RequestBodyFilter.BODY) instanceof byte[])) {
            // No key, or a read (GET /history, /version, /state): a read records nothing, so its key promises nothing.
            return true;
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidHeader(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        // Scoped per client: one system can neither replay nor block another's key.
        String client = Writes.caller().client();
        Instant now = clock.instant();
        Claim claim = records.claim(client, key, fingerprint(request), now, now.minus(settings.inFlightTimeout()));
        if (claim instanceof Claim.Granted granted) {
            request.setAttribute(CLAIM, new HeldKey(client, key, granted.claimId()));
            return true;
        }
        if (claim instanceof Claim.UsedForAnotherRequest) {
            throw new IdempotencyKeyReused(key);
        }
        if (claim instanceof Claim.InFlight) {
            throw new IdempotencyKeyInFlight(key);
        }
        replay((Claim.Answered) claim, response);
        return false;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception exception) throws IOException {
        HeldKey held = heldKey(request);
        if (held == null) {
            return;
        }
        if (exception != null || response.getStatus() >= 400) {
            records.release(held.client(), held.key(), held.claimId());
            return;
        }
        ContentCachingResponseWrapper recorded = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = response.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        String body = recorded == null ? null : new String(recorded.getContentAsByteArray(), StandardCharsets.UTF_8);
        records.answered(held.client(), held.key(), held.claimId(), response.getStatus(),
                ResponseHeaders.format(headers), body, clock.instant());
    }

    private void replay(Claim.Answered answered, HttpServletResponse response) throws IOException {
        response.setHeader(REPLAYED, "true");
        if (answered.body() == null) {
            // The first request recorded its facts but did not live to answer: answer from its receipt.
            Receipt receipt = commands.receipt(answered.customerId(), answered.version());
            response.setStatus(200);
            response.setHeader(HttpHeaders.ETAG, receipt.etag());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Writes.Recorded.of(receipt));
            return;
        }
        response.setStatus(answered.status());
        answered.headers().forEach(response::setHeader);
        response.getOutputStream().write(answered.body().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Whether the client's {@code Accept} header takes a type the answer can be written in; an {@code Accept} that
     * does not parse counts as none, as everywhere in the API.
     */
    private static boolean acceptsTheAnswer(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> ANSWER_TYPES.stream().anyMatch(type::isCompatibleWith));
        } catch (InvalidMediaTypeException unparseable) {
            return true;
        }
    }

    private static boolean isCommand(Object handler) {
        return handler instanceof HandlerMethod method
                && method.getBeanType().getPackageName().startsWith("io.cxengine.journey.command");
    }

    /** The request as the key promises it: method, path and the exact body bytes. */
    private static String fingerprint(HttpServletRequest request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update((byte[]) request.getAttribute(RequestBodyFilter.BODY));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
