package io.cxengine.journey.platform.keys;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The engine's root secret, kept outside the database: it wraps every customer's data key, so that a dump or a backup
 * of the database alone decrypts nothing, and other keys (pseudonyms) are derived from it, one per purpose. It comes
 * from {@code journey.keys.kek} (an environment variable in a deployment), from {@code journey.keys.kek-file}, or, in
 * the embedded default, from a file the engine creates on first start under {@code journey.keys.directory}. This is
 * the seam for a KMS: an implementation that asks one for the key instead.
 */
public final class KeyEncryptionKey {

    private static final int BYTES = 32;
    private final byte[] secret;

    private KeyEncryptionKey(byte[] secret) {
        if (secret.length != BYTES) {
            throw new IllegalStateException("The key-encryption key must be " + BYTES + " bytes (base64), not "
                    + secret.length);
        }
        this.secret = secret.clone();
    }

    /** The key as configured; refuses to start without one unless it may create it. */
    public static KeyEncryptionKey load(KeySettings settings, boolean embeddedDatabase) {
        if (settings.kek() != null && !settings.kek().isBlank()) {
            return new KeyEncryptionKey(decode(settings.kek(), "journey.keys.kek"));
        }
        boolean mayCreate = settings.createIfMissing() != null ? settings.createIfMissing() : embeddedDatabase;
        if (!mayCreate && !Files.exists(settings.kekPath())) {
            throw new IllegalStateException("""
                    No key-encryption key: the personal data of customers cannot be protected. With an external \
                    database, give the engine its key outside that database: JOURNEY_KEYS_KEK (32 random bytes, \
                    base64, e.g. `openssl rand -base64 32`) or JOURNEY_KEYS_KEK_FILE (a file holding it), or allow \
                    creating one under journey.keys.directory with JOURNEY_KEYS_CREATE_IF_MISSING=true. \
                    See docs/security.md.""");
        }
        byte[] stored = OwnerOnlyFiles.readOrCreate(settings.kekPath(),
                () -> Base64.getEncoder().encode(randomBytes()));
        return new KeyEncryptionKey(decode(new String(stored, StandardCharsets.US_ASCII).trim(), settings.kekPath().toString()));
    }

    /**
     * The key this one replaces ({@code journey.keys.previous-kek} or {@code previous-kek-file}), if a rotation is
     * under way: keys it wrapped still unwrap, and are rewrapped with the current one at start-up.
     */
    public static Optional<KeyEncryptionKey> previous(KeySettings settings) {
        if (settings.previousKek() != null && !settings.previousKek().isBlank()) {
            return Optional.of(new KeyEncryptionKey(decode(settings.previousKek(), "journey.keys.previous-kek")));
        }
        if (settings.previousKekFile() == null) {
            return Optional.empty();
        }
        try {
            String stored = Files.readString(settings.previousKekFile(), StandardCharsets.US_ASCII);
            return Optional.of(new KeyEncryptionKey(decode(stored, settings.previousKekFile().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the previous key-encryption key", e);
        }
    }

    /** A key from raw bytes, for tests. */
    public static KeyEncryptionKey of(byte[] secret) {
        return new KeyEncryptionKey(secret);
    }

    /** A new random key, for tests. */
    public static KeyEncryptionKey random() {
        return new KeyEncryptionKey(randomBytes());
    }

    /** The AES key that wraps customers' data keys. */
    public SecretKey wrappingKey() {
        return new SecretKeySpec(derive("data-key-wrapping"), "AES");
    }

    /**
     * A name for this key that reveals nothing of it (the start of a key derived for naming), stored beside every key
     * it wraps: it tells which key-encryption key a row needs, and which rows a rotation still has to rewrap.
     */
    public String id() {
        return HexFormat.of().formatHex(derive("key-id"), 0, 8);
    }

    /** A 32-byte key for one purpose (HMAC-SHA256 of the purpose under this key), independent of every other one. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(("journey-engine|" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HMAC-SHA256 in this JDK", e);
        }
    }

    private static byte[] decode(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The key-encryption key in " + source + " is not base64", e);
        }
    }

    private static byte[] randomBytes() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(BYTES * 8);
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[hidden]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyEncryptionKey key && Arrays.equals(secret, key.secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }
}
