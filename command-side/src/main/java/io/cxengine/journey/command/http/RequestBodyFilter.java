package io.cxengine.journey.command.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Reads the body of every write once, up to the configured limit, so that a body too large is refused (413) before
 * anything parses it, and the idempotency check can fingerprint the exact bytes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyFilter extends OncePerRequestFilter {

    static final String BODY = RequestBodyFilter.class.getName() + ".body";
    static final String TOO_LARGE = RequestBodyFilter.class.getName() + ".tooLarge";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ApiSettings settings;

    RequestBodyFilter(ApiSettings settings) {
        this.settings = settings;
    }

    /** Endpoints that read their body as a stream, line by line, with limits of their own (bulk import). */
    private static final Set<String> STREAMED = Set.of("/imports");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || STREAMED.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = settings.maxBodySize().toBytes();
        byte[] body;
        if (request.getContentLengthLong() > limit) {
            request.setAttribute(TOO_LARGE, request.getContentLengthLong());
            body = new byte[0];
        } else {
            body = request.getInputStream().readNBytes((int) limit + 1);
            if (body.length > limit) {
                request.setAttribute(TOO_LARGE, (long) body.length);
                body = new byte[0];
            }
        }
        request.setAttribute(BODY, body);
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    /** A request whose body was read already and is served again from memory. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return bytes.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body is buffered; read it synchronously");
                }

                @Override
                public int read() throws IOException {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return bytes.read(buffer, offset, length);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        /**
         * A wildcard content type ({@code *}{@code /*}, {@code application/*}) names no format: it is shown to Spring
         * as {@code application/octet-stream}, which no endpoint reads (415), instead of failing Spring's own
         * header handling (500).
         */
        @Override
        public String getContentType() {
            return concrete(super.getContentType());
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? concrete(value) : value;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return super.getHeaders(name);
            }
            String value = getHeader(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        private static String concrete(String contentType) {
            if (contentType == null) {
                return null;
            }
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                return type.isWildcardType() || type.isWildcardSubtype() ? MediaType.APPLICATION_OCTET_STREAM_VALUE
                        : contentType;
            } catch (InvalidMediaTypeException unparseable) {
                return contentType;
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
