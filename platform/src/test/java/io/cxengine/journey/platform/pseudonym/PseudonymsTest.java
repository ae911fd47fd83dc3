package io.cxengine.journey.platform.pseudonym;

import io.cxengine.journey.customer.CustomerId;
import io.cxengine.journey.platform.keys.KeyEncryptionKey;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymsTest {

    private static final byte[] SECRET = new byte[32];
    private final Pseudonyms pseudonyms = new Pseudonyms(KeyEncryptionKey.of(SECRET));

    @Test
    @DisplayName("a customer has one pseudonym, the same under the same key, and the engine turns it back into the id")
    void stableAndReversible() {
        CustomerId customer = CustomerId.random();
        Pseudonym pseudonym = pseudonyms.of(customer);
        assertThat(pseudonyms.of(customer)).isEqualTo(pseudonym);
        assertThat(new Pseudonyms(KeyEncryptionKey.of(SECRET.clone())).of(customer)).isEqualTo(pseudonym);
        assertThat(pseudonyms.customerOf(pseudonym)).isEqualTo(customer);
        assertThat(pseudonyms.customerOf(Pseudonym.of(pseudonym.value()))).isEqualTo(customer);
    }

    @Test
    @DisplayName("a pseudonym is a short prefix and 22 base64url characters, and shows nothing of the id")
    void printsNothingOfTheId() {
        UUID id = UUID.randomUUID();
        String pseudonym = pseudonyms.of(id).value();
        assertThat(pseudonym).matches("ps_[A-Za-z0-9_-]{22}");
        String hex = id.toString().replace("-", "");
        for (int i = 0; i + 8 <= hex.length(); i += 4) {
            assertThat(pseudonym.toLowerCase()).doesNotContain(hex.substring(i, i + 8));
        }
    }

    @Test
    @DisplayName("another key gives other pseudonyms, and cannot turn ours back into the ids")
    void keyed() {
        CustomerId customer = CustomerId.random();
        Pseudonyms other = new Pseudonyms(KeyEncryptionKey.random());
        assertThat(other.of(customer)).isNotEqualTo(pseudonyms.of(customer));
        assertThat(other.customerOf(pseudonyms.of(customer))).isNotEqualTo(customer);
    }

    @Test
    @DisplayName("distinct customers get distinct pseudonyms")
    void distinct() {
        Set<Pseudonym> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(pseudonyms.of(UUID.randomUUID()));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    @DisplayName("only the canonical form is a pseudonym: no raw ids, no other prefix, length or spelling")
    void malformed() {
        String good = pseudonyms.of(UUID.randomUUID()).value();
        for (String bad : new String[]{UUID.randomUUID().toString(), "", "ps_", good.substring(3), "xx_" + good.substring(3),
                good + "A", good.substring(0, good.length() - 1), "ps_" + "!".repeat(22), "ps_" + "A".repeat(21) + "="}) {
            assertThatThrownBy(() -> Pseudonym.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        // The last character carries four unused bits; a spelling with one of them set decodes to the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = good.charAt(good.length() - 1);
        String sameBytes = good.substring(0, good.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThatThrownBy(() -> Pseudonym.of(sameBytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
