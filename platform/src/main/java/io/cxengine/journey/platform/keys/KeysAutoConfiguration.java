package io.cxengine.journey.platform.keys;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The key-encryption key, from outside the database (see {@link KeyEncryptionKey}), and the wrapping of data keys with it. */
@AutoConfiguration
@EnableConfigurationProperties(KeySettings.class)
public class KeysAutoConfiguration {

    @Bean
    KeyEncryptionKey keyEncryptionKey(KeySettings settings, Environment environment) {
        return KeyEncryptionKey.load(settings, embeddedDatabase(environment));
    }

    @Bean
    DataKeyWrapping dataKeyWrapping(KeyEncryptionKey keyEncryptionKey, KeySettings settings) {
        return new DataKeyWrapping(keyEncryptionKey, KeyEncryptionKey.previous(settings));
    }

    /** Whether the engine runs on its embedded PostgreSQL (no {@code spring.datasource.url}, or {@code embedded}). */
    public static boolean embeddedDatabase(Environment environment) {
        String url = environment.getProperty("spring.datasource.url");
        return url == null || url.isBlank() || url.equals("embedded");
    }
}
