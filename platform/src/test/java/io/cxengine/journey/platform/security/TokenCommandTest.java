package io.cxengine.journey.platform.security;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code token} command prints a token the engine's own key pair verifies, with the scopes and lifetime asked. */
class TokenCommandTest {

    @TempDir
    Path keys;

    @Test
    @DisplayName("a token for the given scopes and lifetime, signed with the key pair it creates under the keys directory")
    void printsAVerifiableToken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = TokenCommand.run(new String[]{"token", "--scopes=journey.write,journey.agent", "--lifetime=15m",
                "--client=contact-centre", "--keys-directory=" + keys}, new PrintStream(out), System.err);

        assertThat(exit).isZero();
        String token = out.toString(StandardCharsets.US_ASCII).trim();
        Jwt jwt = NimbusJwtDecoder.withPublicKey(TokenSigningKey.in(keys).publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build().decode(token);
        assertThat(Caller.scopes(jwt)).containsExactlyInAnyOrder("journey.write", "journey.agent");
        assertThat(Caller.of(jwt).client()).isEqualTo("contact-centre");
        assertThat(jwt.getAudience()).containsExactly(LocalTokens.AUDIENCE);
        assertThat(jwt.getClaimAsString("iss")).isEqualTo(LocalTokens.ISSUER);
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(jwt.getId()).isNotBlank();
    }

    @Test
    @DisplayName("with --console, the console's address that signs in with the token, the token after '#' only")
    void printsTheConsoleAddress() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = TokenCommand.run(new String[]{"token", "--scopes=journey.agent", "--console=http://127.0.0.1:9090/",
                "--keys-directory=" + keys}, new PrintStream(out), System.err);

        assertThat(exit).isZero();
        String address = out.toString(StandardCharsets.US_ASCII).trim();
        assertThat(address).startsWith("http://127.0.0.1:9090/console/#token=");
        Jwt jwt = NimbusJwtDecoder.withPublicKey(TokenSigningKey.in(keys).publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build()
                .decode(address.substring(address.indexOf("#token=") + "#token=".length()));
        assertThat(Caller.scopes(jwt)).containsExactly("journey.agent");
        assertThat(Caller.of(jwt).client()).isEqualTo("journey-console");
    }

    @Test
    @DisplayName("an unknown scope, a missing scope or a lifetime beyond 30 days prints the usage and exits 2")
    void refusesBadOptions() {
        for (String[] args : new String[][]{{"token", "--scopes=journey.everything"}, {"token"},
                {"token", "--scopes=journey.audit", "--lifetime=90d"}, {"token", "--scopes=journey.audit", "--lifetime=soon"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            String[] withKeys = java.util.Arrays.copyOf(args, args.length + 1);
            withKeys[args.length] = "--keys-directory=" + keys;
            assertThat(TokenCommand.run(withKeys, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)))
                    .as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: token");
        }
    }
}
