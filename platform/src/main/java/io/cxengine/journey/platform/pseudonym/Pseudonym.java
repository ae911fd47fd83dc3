package io.cxengine.journey.platform.pseudonym;

import java.util.Base64;
import java.util.Objects;

/**
 * A customer as analysts know them: stable per customer, and not turned back into the customer id without the
 * engine's key. Only well-formed pseudonyms exist; whether one names a known customer is for the read models to say.
 */
public record Pseudonym(String value) {

    /** Marks a pseudonym apart from every other identifier the engine prints. */
    static final String PREFIX = "ps_";
    static final int BLOCK = 16;

    public Pseudonym {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith(PREFIX) || blockOf(value) == null) {
            throw new IllegalArgumentException("Not a customer pseudonym: " + value);
        }
    }

    /** Spring converts path variables through this. */
    public static Pseudonym of(String raw) {
        return new Pseudonym(raw);
    }

    static Pseudonym ofBlock(byte[] block) {
        return new Pseudonym(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(block));
    }

    /** The encrypted block the pseudonym prints. */
    byte[] block() {
        return blockOf(value);
    }

    /** The 16 bytes, or null when the text is not their one canonical base64url form (so two texts never name one customer). */
    private static byte[] blockOf(String value) {
        String encoded = value.substring(Math.min(PREFIX.length(), value.length()));
        try {
            byte[] block = Base64.getUrlDecoder().decode(encoded);
            boolean canonical = block.length == BLOCK
                    && Base64.getUrlEncoder().withoutPadding().encodeToString(block).equals(encoded);
            return canonical ? block : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
