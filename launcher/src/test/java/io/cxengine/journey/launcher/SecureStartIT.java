package io.cxengine.journey.launcher;

import io.cxengine.journey.platform.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine starts safe or not at all: on its embedded database it makes its own secrets, owner-only, and listens on
 * loopback; on an external database it refuses to start without an identity provider or without a key-encryption key
 * kept outside that database, saying what to set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecureStartIT {

    @Autowired
    EmbeddedPostgresServer database;
    @Autowired
    Environment environment;

    @Test
    @DisplayName("the embedded default keeps its signing key and key-encryption key owner-only, and binds to loopback")
    void embeddedDefault() throws Exception {
        for (String secret : new String[]{"token-signing-key.pem", "key-encryption-key"}) {
            Path file = Api.KEYS.resolve(secret);
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file)).as(secret)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.getPosixFilePermissions(Api.KEYS))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    @DisplayName("an external database without an identity provider refuses to start, and says what to configure")
    void externalDatabaseWithoutIdentityProvider() {
        assertThatThrownBy(() -> start("--journey.keys.kek-file=" + Api.KEYS.resolve("key-encryption-key").toAbsolutePath()))
                .rootCause().hasMessageContaining("No identity provider")
                .hasMessageContaining("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
    }

    @Test
    @DisplayName("an external database without a key-encryption key refuses to start, and says what to configure")
    void externalDatabaseWithoutKeyEncryptionKey(@TempDir Path emptyKeys) {
        assertThatThrownBy(() -> start("--journey.keys.directory=" + emptyKeys, "--journey.security.local-tokens=true"))
                .rootCause().hasMessageContaining("No key-encryption key").hasMessageContaining("JOURNEY_KEYS_KEK");
        assertThat(emptyKeys.resolve("key-encryption-key")).doesNotExist();
    }

    private void start(String... extra) {
        String[] args = new String[extra.length + 4];
        args[0] = "--spring.datasource.url=" + database.jdbcUrl();
        args[1] = "--spring.datasource.username=postgres";
        args[2] = "--server.port=0";
        args[3] = "--journey.migrations.enabled=false";
        System.arraycopy(extra, 0, args, 4, extra.length);
        new SpringApplicationBuilder(JourneyEngineApplication.class).run(args).close();
    }

}
