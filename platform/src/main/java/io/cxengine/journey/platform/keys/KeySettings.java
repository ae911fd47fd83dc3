package io.cxengine.journey.platform.keys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Where the engine's own secrets come from ({@code journey.keys.*}); none of them is ever stored in the database.
 *
 * @param directory       where the embedded default creates and keeps its secrets (owner-only files), beside the data
 * @param kek             the key-encryption key itself, base64 (32 bytes), e.g. from {@code JOURNEY_KEYS_KEK}
 * @param kekFile         a file holding the key-encryption key, base64 (e.g. a mounted secret)
 * @param createIfMissing whether the engine may create a missing key-encryption key under {@code directory}; on by
 *                        default only with the embedded database (a deployment must bring its own)
 * @param previousKek     during a rotation, the key-encryption key being replaced, base64: keys it wrapped are
 *                        rewrapped with {@code kek} at start-up (e.g. from {@code JOURNEY_KEYS_PREVIOUS_KEK})
 * @param previousKekFile during a rotation, a file holding the key-encryption key being replaced
 */
@ConfigurationProperties("journey.keys")
public record KeySettings(@DefaultValue("data/keys") Path directory, String kek, Path kekFile, Boolean createIfMissing,
                          String previousKek, Path previousKekFile) {

    static final String KEK_FILE = "key-encryption-key";

    /** The file of the key-encryption key: the configured one, or the default under {@link #directory()}. */
    Path kekPath() {
        return kekFile != null ? kekFile : directory.resolve(KEK_FILE);
    }
}
