package io.cxengine.journey.platform.keys;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Customers' data keys as the database holds them: wrapped by the key-encryption key (AES-GCM under its wrapping key,
 * a random IV, the customer id as associated data), so that a stored key opens only with that key, and only as the
 * key of the customer whose row holds it.
 */
public final class DataKeyWrapping {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    /** The wrapping keys by the id of their key-encryption key: the current one first, then the one it replaces. */
    private final Map<String, SecretKey> wrappingKeys = new LinkedHashMap<>();

    public DataKeyWrapping(KeyEncryptionKey current, Optional<KeyEncryptionKey> previous) {
        this.currentId = current.id();
        wrappingKeys.put(currentId, current.wrappingKey());
        previous.ifPresent(key -> wrappingKeys.putIfAbsent(key.id(), key.wrappingKey()));
    }

    /** A data key wrapped by the key-encryption key named {@code kekId}: IV, then ciphertext and tag. */
    public record Wrapped(String kekId, byte[] bytes) {
    }

    /** The id of the key-encryption key that wraps new keys. */
    public String currentKekId() {
        return currentId;
    }

    /** Whether keys wrapped by this key-encryption key can be unwrapped here. */
    public boolean knows(String kekId) {
        return wrappingKeys.containsKey(kekId);
    }

    /** The customer's data key, wrapped by the current key-encryption key. */
    public Wrapped wrap(UUID customer, byte[] dataKey) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, wrappingKeys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(customer));
            byte[] sealed = cipher.doFinal(dataKey);
            byte[] stored = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return new Wrapped(currentId, stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap the data key of customer " + customer, e);
        }
    }

    /**
     * The customer's data key. Fails loudly, never quietly: a key wrapped by a key-encryption key this engine does not
     * have (a wrong or missing {@code journey.keys.kek}) or one that does not unwrap (altered, or another customer's)
     * must not read as erased.
     */
    public byte[] unwrap(UUID customer, Wrapped wrapped) {
        SecretKey wrappingKey = wrappingKeys.get(wrapped.kekId());
        if (wrappingKey == null) {
            throw new IllegalStateException("The data key of customer " + customer + " is wrapped by key-encryption key "
                    + wrapped.kekId() + ", which this engine does not have (it has " + wrappingKeys.keySet()
                    + "); see docs/security.md");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey, new GCMParameterSpec(TAG_BITS, wrapped.bytes(), 0, IV_BYTES));
            cipher.updateAAD(associatedData(customer));
            return cipher.doFinal(wrapped.bytes(), IV_BYTES, wrapped.bytes().length - IV_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The data key of customer " + customer + " does not unwrap", e);
        }
    }

    private static byte[] associatedData(UUID customer) {
        return ("personal-data-key|" + customer).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DataKeyWrapping[" + wrappingKeys.keySet() + "]";
    }
}
