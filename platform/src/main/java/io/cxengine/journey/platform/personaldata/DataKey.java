package io.cxengine.journey.platform.personaldata;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A customer's data key and the two keys derived from it (HMAC-SHA256 of distinct labels under the data key): one
 * encrypts their personal fields, the other derives each field's synthetic IV. Values sealed before the split
 * ({@code pd1:}) used the data key itself for both.
 *
 * @param key        the data key itself: what is stored (wrapped), and what opens {@code pd1:} values
 * @param encryption the AES key of {@code pd2:} values
 * @param iv         the HMAC key that derives the IV of {@code pd2:} values
 */
public record DataKey(SecretKey key, SecretKey encryption, SecretKey iv) {

    /** The data key with its derived keys. */
    public static DataKey of(SecretKey key) {
        return new DataKey(key, new SecretKeySpec(derive(key, "encryption"), "AES"),
                new SecretKeySpec(derive(key, "iv"), "HmacSHA256"));
    }

    private static byte[] derive(SecretKey key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(("pd2|" + label).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No HMAC-SHA256 in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "DataKey[hidden]";
    }
}
