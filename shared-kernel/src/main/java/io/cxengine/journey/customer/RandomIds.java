package io.cxengine.journey.customer;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random version-4 UUIDs, like {@link UUID#randomUUID()}, but drawn from a strong random generator per thread.
 * {@code UUID.randomUUID()} draws from one JDK-wide {@code NativePRNG} behind a lock: with twenty projection threads
 * replaying history, they queued on it (a profile of a rebuild caught a quarter of them waiting there), and so did
 * sixteen request threads under ingestion (the correlation id and the new touchpoint's id of every request).
 */
public final class RandomIds {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    private RandomIds() {
    }

    /** A new random (version 4, IETF variant) UUID. */
    public static UUID next() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }
}
