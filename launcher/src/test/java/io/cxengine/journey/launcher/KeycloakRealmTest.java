package io.cxengine.journey.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengine.journey.platform.security.LocalTokens;
import io.cxengine.journey.platform.security.Scope;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked identity-provider example of docs/security.md, docs/keycloak/journey-realm.json, stays true to the engine:
 * one client scope per scope the engine knows, an audience mapper naming the engine's audience in every client's
 * access tokens, a client for each kind of caller, and no secret in the file.
 */
class KeycloakRealmTest {

    private final JsonNode realm = read();

    @Test
    @DisplayName("the realm defines exactly the engine's scopes, each put into the access token's scope claim")
    void scopes() {
        Set<String> defined = new HashSet<>();
        realm.get("clientScopes").forEach(scope -> {
            if (scope.at("/attributes/include.in.token.scope").asText().equals("true")) {
                defined.add(scope.get("name").asText());
            }
        });
        assertThat(defined).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Scope.values()).map(Scope::value).toList());
    }

    @Test
    @DisplayName("every client gets the journey-engine audience by default and one of the engine's scopes on request")
    void clients() {
        JsonNode audience = null;
        for (JsonNode scope : realm.get("clientScopes")) {
            if (scope.get("name").asText().equals("journey-engine-audience")) {
                audience = scope;
            }
        }
        assertThat(audience).isNotNull();
        assertThat(audience.at("/protocolMappers/0/protocolMapper").asText()).isEqualTo("oidc-audience-mapper");
        assertThat(audience.at("/protocolMappers/0/config/included.custom.audience").asText())
                .isEqualTo(LocalTokens.AUDIENCE);

        List<String> granted = new ArrayList<>();
        realm.get("clients").forEach(client -> {
            assertThat(client.get("defaultClientScopes").toString()).contains("journey-engine-audience");
            client.get("optionalClientScopes").forEach(scope -> granted.add(scope.asText()));
            assertThat(client.has("secret")).as("no secret in the repository").isFalse();
            boolean console = client.get("clientId").asText().equals("journey-console");
            assertThat(client.get("publicClient").asBoolean()).as("only the console's client is public").isEqualTo(console);
            if (console) {
                assertThat(client.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");
                assertThat(client.get("optionalClientScopes").toString()).as("people at the console do not write")
                        .doesNotContain(Scope.WRITE.value());
                assertThat(client.get("redirectUris").toString()).contains("http://localhost:8080/console/");
            }
        });
        assertThat(granted).containsAll(Arrays.stream(Scope.values()).map(Scope::value).toList());
    }

    @Test
    @DisplayName("a scope people sign in with is granted only to a user holding its role, service accounts included")
    void peoplesScopesNeedTheirRole() {
        List<String> bound = new ArrayList<>();
        realm.get("scopeMappings").forEach(mapping -> {
            assertThat(mapping.get("roles")).as(mapping.toString()).isNotEmpty();
            bound.add(mapping.get("clientScope").asText());
        });
        List<String> peoples = new ArrayList<>();
        realm.get("clients").forEach(client -> {
            if (client.get("clientId").asText().equals("journey-console")) {
                client.get("optionalClientScopes").forEach(scope -> peoples.add(scope.asText()));
            }
        });
        assertThat(bound).containsExactlyInAnyOrderElementsOf(peoples);
        realm.get("clients").forEach(client -> {
            if (!client.path("serviceAccountsEnabled").asBoolean()) {
                return;
            }
            String id = client.get("clientId").asText();
            List<String> held = new ArrayList<>();
            realm.get("users").forEach(user -> {
                if (user.path("serviceAccountClientId").asText().equals(id)) {
                    user.path("realmRoles").forEach(role -> held.add(role.asText()));
                }
            });
            client.get("optionalClientScopes").forEach(scope -> realm.get("scopeMappings").forEach(mapping -> {
                if (mapping.get("clientScope").asText().equals(scope.asText())) {
                    List<String> roles = new ArrayList<>();
                    mapping.get("roles").forEach(role -> roles.add(role.asText()));
                    assertThat(held).as(id + "'s service account holds a role of " + scope.asText())
                            .containsAnyElementsOf(roles);
                }
            }));
        });
    }

    @Test
    @DisplayName("every token names its subject: the basic scope's sub mapper is a default scope of every client")
    void everyTokenNamesItsSubject() {
        JsonNode basic = null;
        for (JsonNode scope : realm.get("clientScopes")) {
            if (scope.get("name").asText().equals("basic")) {
                basic = scope;
            }
        }
        assertThat(basic).isNotNull();
        assertThat(basic.at("/protocolMappers/0/protocolMapper").asText()).isEqualTo("oidc-sub-mapper");
        assertThat(basic.at("/protocolMappers/0/config/access.token.claim").asText()).isEqualTo("true");
        realm.get("clients").forEach(client -> assertThat(client.get("defaultClientScopes").toString())
                .as(client.get("clientId").asText()).contains("\"basic\""));
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(DockerComposeTest.ROOT.resolve("docs/keycloak/journey-realm.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
