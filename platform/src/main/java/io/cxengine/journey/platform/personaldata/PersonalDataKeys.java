package io.cxengine.journey.platform.personaldata;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Each customer's own AES key for their personal data; destroying it erases that data everywhere it is stored. */
public interface PersonalDataKeys {

    /** The customer's key, created on first use (and anew after an erasure, for facts recorded afterwards). */
    DataKey keyFor(UUID customer);

    /** The customer's key, unless it was destroyed (or never made). */
    Optional<DataKey> existing(UUID customer);

    /** Destroys the customer's key: every personal field sealed with it is unreadable from now on. */
    void destroy(UUID customer);

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecretKey key(byte[] secret) {
        return new SecretKeySpec(secret, "AES");
    }

    /** Keys in memory, for tests of serialization. */
    static PersonalDataKeys inMemory() {
        Map<UUID, DataKey> keys = new ConcurrentHashMap<>();
        return new PersonalDataKeys() {
            @Override
            public DataKey keyFor(UUID customer) {
                return keys.computeIfAbsent(customer, id -> DataKey.of(newKey()));
            }

            @Override
            public Optional<DataKey> existing(UUID customer) {
                return Optional.ofNullable(keys.get(customer));
            }

            @Override
            public void destroy(UUID customer) {
                keys.remove(customer);
            }
        };
    }
}
