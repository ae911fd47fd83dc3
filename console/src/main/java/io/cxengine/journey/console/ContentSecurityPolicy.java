package io.cxengine.journey.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The console's content security policy: scripts, styles and images only from the engine, no inline script, no
 * framing; connections to the engine and, with an identity provider, to the one origin where the browser exchanges
 * its sign-in code for a token.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String HEADER = "Content-Security-Policy";

    private final Set<String> connectOrigins = new ConcurrentSkipListSet<>();

    /** Lets the pages connect to the origin of this address (an identity provider's token endpoint). */
    void allowConnectionsTo(URI address) {
        if (address != null && address.getScheme() != null && address.getHost() != null) {
            connectOrigins.add(address.getScheme() + "://" + address.getHost()
                    + (address.getPort() >= 0 ? ":" + address.getPort() : ""));
        }
    }

    String policy() {
        StringBuilder connect = new StringBuilder("'self'");
        new TreeSet<>(connectOrigins).forEach(origin -> connect.append(' ').append(origin));
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src "
                + connect + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, policy());
        }
    }
}
