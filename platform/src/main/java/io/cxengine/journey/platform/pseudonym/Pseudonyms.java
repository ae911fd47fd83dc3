package io.cxengine.journey.platform.pseudonym;

import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * Turns customer ids into pseudonyms and back. A pseudonym is the customer id's 16 bytes encrypted as one AES block
 * under a key derived from the key-encryption key: a keyed permutation, so each customer has exactly one pseudonym,
 * every pseudonym names exactly one id, and without the key neither direction can be computed.
 */
public final class Pseudonyms {

    static final String PURPOSE = "customer-pseudonym";
    // One block under ECB is a plain block-cipher permutation: no IV, so the same id always gives the same pseudonym.
    private static final String TRANSFORMATION = "AES/ECB/NoPadding";

    private final SecretKeySpec key;

    public Pseudonyms(KeyEncryptionKey keys) {
        this.key = new SecretKeySpec(keys.derive(PURPOSE), "AES");
    }

    public Pseudonym of(CustomerId customer) {
        return of(customer.value());
    }

    public Pseudonym of(UUID customer) {
        ByteBuffer id = ByteBuffer.allocate(Pseudonym.BLOCK)
                .putLong(customer.getMostSignificantBits()).putLong(customer.getLeastSignificantBits());
        return Pseudonym.ofBlock(apply(Cipher.ENCRYPT_MODE, id.array()));
    }

    /** The customer a pseudonym names; any well-formed pseudonym names some id, known to the engine or not. */
    public CustomerId customerOf(Pseudonym pseudonym) {
        ByteBuffer id = ByteBuffer.wrap(apply(Cipher.DECRYPT_MODE, pseudonym.block()));
        return new CustomerId(new UUID(id.getLong(), id.getLong()));
    }

    private byte[] apply(int mode, byte[] block) {
        try {
            // A Cipher is not thread-safe and cheap to make; projections call this from several threads.
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key);
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No AES in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Pseudonyms[key hidden]";
    }
}
