package io.cxengine.journey.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The console's content security policy: scripts, styles and images only from the engine, no inline script, no
 * framing; connections to the engine and, with an identity provider, to its origin (and to a token endpoint set
 * elsewhere), where the browser exchanges its sign-in code for a token. Fixed when the engine starts.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String HEADER = "Content-Security-Policy";

    private final String policy;

    /** The policy, letting the pages connect also to the origins of these addresses (none: the engine only). */
    ContentSecurityPolicy(Set<URI> connectTo) {
        StringBuilder connect = new StringBuilder("'self'");
        new TreeSet<>(connectTo.stream().map(ContentSecurityPolicy::origin).toList())
                .forEach(origin -> connect.append(' ').append(origin));
        policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
                + connect + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /** An address's origin, as browsers compare them: scheme, host and port (if not the scheme's own). */
    static String origin(URI address) {
        if (address.getScheme() == null || address.getHost() == null
                || !Set.of("https", "http").contains(address.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an http(s) address: " + address);
        }
        String scheme = address.getScheme().toLowerCase(Locale.ROOT);
        int port = address.getPort();
        boolean own = port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + address.getHost().toLowerCase(Locale.ROOT) + (own ? "" : ":" + port);
    }

    String policy() {
        return policy;
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, policy);
        }
    }
}
