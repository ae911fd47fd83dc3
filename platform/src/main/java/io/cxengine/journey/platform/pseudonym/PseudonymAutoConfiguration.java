package io.cxengine.journey.platform.pseudonym;

import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import io.cxengine.journey.platform.keys.KeysAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Customer pseudonyms under the engine's key-encryption key. */
@AutoConfiguration(after = KeysAutoConfiguration.class)
public class PseudonymAutoConfiguration {

    @Bean
    Pseudonyms pseudonyms(KeyEncryptionKey keys) {
        return new Pseudonyms(keys);
    }
}
