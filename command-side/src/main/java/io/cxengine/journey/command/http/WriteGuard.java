package io.cxengine.journey.command.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Stands before every command endpoint: refuses bodies too large, and answers that cannot be written, before anything
 * runs; checks an {@code Idempotency-Key} and fingerprints the request it promises. The key itself is claimed,
 * recorded and answered in the transaction of the command's events ({@link Writes}, {@code AppliedEvents}): the same
 * key with the same request replays the first answer and records nothing; with another request it is a 422; while
 * the first request is still running it is a 409; a request that is refused leaves its key unused.
 */
@Component
class WriteGuard implements HandlerInterceptor {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String HELD_KEY = WriteGuard.class.getName() + ".key";
    private static final Pattern KEY = Pattern.compile("[\\x20-\\x7e]{1,255}");
    /** What Spring can write a command's answer as. */
    private static final List<MediaType> ANSWER_TYPES = List.of(MediaType.APPLICATION_JSON,
            MediaType.valueOf("application/*+json"), MediaType.valueOf("application/yaml"));

    private final ApiSettings api;

    WriteGuard(ApiSettings api) {
        this.api = api;
    }

    /** The {@code Idempotency-Key} a write carries, scoped to its client, and the request it promises. */
    record HeldKey(String client, String key, String requestHash) {
    }

    /** The key this request carries, if it is a write with one. */
    static HeldKey heldKey(HttpServletRequest request) {
        return (HeldKey) request.getAttribute(HELD_KEY);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
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
        if (!validKey(key)) {
            throw new InvalidHeader(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        // Scoped per client: one system can neither replay nor block another's key.
        request.setAttribute(HELD_KEY, new HeldKey(Writes.caller().client(), key, fingerprint(request)));
        return true;
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
        return handler instanceof HandlerMethod method && method.getBeanType().isAnnotationPresent(CommandEndpoint.class);
    }

    /** The request as the key promises it: method, path and the exact body bytes. */
    private static String fingerprint(HttpServletRequest request) {
        return fingerprint(request.getMethod(), request.getRequestURI(),
                (byte[]) request.getAttribute(RequestBodyFilter.BODY));
    }

    /** A request's fingerprint from its method, path and exact body bytes (an import's line has the same). */
    static String fingerprint(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a text is a well-formed {@code Idempotency-Key}: 1 to 255 printable ASCII characters. */
    static boolean validKey(String key) {
        return KEY.matcher(key).matches();
    }
}
