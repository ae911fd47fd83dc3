package io.cxengine.journey.query.outbound;

import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * Subscriptions' signing secrets: made here (32 random bytes, shown once as {@code whsec_} and their base64, as the
 * Standard Webhooks specification writes them), stored only sealed: AES-GCM under a key derived from the
 * key-encryption key for this purpose, a random IV, the subscription's id as associated data (a sealed secret copied to
 * another subscription does not open there).
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final String PURPOSE = "webhook-secret";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final String keyId;

    WebhookSecrets(KeyEncryptionKey kek) {
        this.key = new SecretKeySpec(kek.derive(PURPOSE), "AES");
        this.keyId = kek.id();
    }

    /** A new secret: the bytes the signatures are made with. */
    byte[] newSecret() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        return secret;
    }

    /** As the subscriber is given it, once. */
    static String shown(byte[] secret) {
        return PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    String keyId() {
        return keyId;
    }

    byte[] seal(UUID subscription, byte[] secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, subscription, iv, secret);
        return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
    }

    byte[] open(UUID subscription, byte[] sealed, String sealedBy) {
        if (!keyId.equals(sealedBy)) {
            throw new IllegalStateException("The secret of webhook subscription " + subscription
                    + " was sealed under another key-encryption key (" + sealedBy + "); subscribe again");
        }
        return cipher(Cipher.DECRYPT_MODE, subscription, Arrays.copyOf(sealed, IV_BYTES),
                Arrays.copyOfRange(sealed, IV_BYTES, sealed.length));
    }

    private byte[] cipher(int mode, UUID subscription, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subscription.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " the secret of webhook subscription " + subscription, e);
        }
    }
}
