package io.cxengine.journey.console;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * How the console signs people in, as the start page reads it: with a token of the engine's own key pasted or handed
 * over ({@code LOCAL}), or through the identity provider's login ({@code IDENTITY_PROVIDER}), asking for the scope of
 * the role chosen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SignIn(Mode mode, String clientId, URI authorizationEndpoint, URI tokenEndpoint, List<Role> roles) {

    enum Mode { LOCAL, IDENTITY_PROVIDER }

    /** A role a person may sign in as, and the scope its tokens carry. */
    record Role(String name, String scope) {
    }

    /** The roles of people at the console: systems that write sign in elsewhere. */
    static final List<Role> ROLES = List.of(new Role("Agent", "journey.agent"), new Role("Analyst", "journey.analyze"),
            new Role("Auditor", "journey.audit"), new Role("Operator", "journey.admin"),
            new Role("Privacy officer", "journey.erase"));

    static SignIn local() {
        return new SignIn(Mode.LOCAL, null, null, null, null);
    }

    static SignIn identityProvider(String clientId, URI authorizationEndpoint, URI tokenEndpoint) {
        return new SignIn(Mode.IDENTITY_PROVIDER, clientId, authorizationEndpoint, tokenEndpoint, ROLES);
    }
}
