package io.cxengine.journey.platform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.PersonalData;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Crypto-shredding in the journal: every field of an event marked {@link PersonalData} is stored sealed with the
 * customer's own key (AES-GCM, the customer id as associated data), as {@code pd1:<customer>:<iv+ciphertext>}. Reading
 * opens it with that key; once the key is destroyed, the field reads as {@value PersonalData#ERASED}, while the stored
 * bytes (and so the hash chain) stay exactly as they were.
 * <p>
 * The IV is derived from the key and the plaintext (a synthetic IV), so that sealing is deterministic: the hash chain
 * hashes the bytes the serializer writes, and writing them twice must give the same bytes. Equal values of one
 * customer seal alike; different values never share an IV.
 */
public final class PersonalDataProtection extends SimpleModule {

    static final String PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final transient PersonalDataKeys keys;
    /** An opening cipher and a MAC per thread: looking them up from the providers cost more than using them. */
    private static final ThreadLocal<Cipher> OPENING = ThreadLocal.withInitial(() ->
            instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    public PersonalDataProtection(PersonalDataKeys keys) {
        super("personal-data-protection");
        this.keys = keys;
        setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                             List<BeanPropertyWriter> writers) {
                return writers.stream()
                        .map(writer -> writer.getAnnotation(PersonalData.class) != null ? new Sealing(writer) : writer)
                        .collect(Collectors.toList());
            }
        });
        addDeserializer(String.class, new Opening());
    }

    String seal(UUID customer, String plaintext) {
        try {
            SecretKey key = keys.keyFor(customer);
            Mac mac = MAC.get();
            mac.init(key);
            byte[] iv = Arrays.copyOf(mac.doFinal(("iv|" + plaintext).getBytes(StandardCharsets.UTF_8)), IV_BYTES);
            // A fresh cipher: GCM refuses to encrypt twice with one key and IV on one instance, and sealing the same
            // value twice is intended (the hash chain and the store serialize the event each).
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(customer.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, stored, 0, IV_BYTES);
            System.arraycopy(sealed, 0, stored, IV_BYTES, sealed.length);
            return PREFIX + customer + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal personal data", e);
        }
    }

    /** The plaintext of a sealed value, {@value PersonalData#ERASED} if its key is gone; other text as it is. */
    String open(String value) {
        if (value == null || !value.startsWith(PREFIX)) {
            return value;
        }
        int separator = value.indexOf(':', PREFIX.length());
        if (separator < 0) {
            return value;
        }
        try {
            UUID customer = UUID.fromString(value.substring(PREFIX.length(), separator));
            Optional<SecretKey> key = keys.existing(customer);
            if (key.isEmpty()) {
                return PersonalData.ERASED;
            }
            byte[] stored = Base64.getUrlDecoder().decode(value.substring(separator + 1));
            Cipher cipher = OPENING.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(customer.toString().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return PersonalData.ERASED; // Sealed with a destroyed key (a new key exists since): erased.
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No AES-GCM or HMAC-SHA256 in this JDK", e);
        }
    }

    /** Writes a personal field sealed with the key of the customer whose event it is. */
    private final class Sealing extends BeanPropertyWriter {

        Sealing(BeanPropertyWriter base) {
            super(base);
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator generator, SerializerProvider provider) throws Exception {
            Object value = get(bean);
            if (value == null || !(bean instanceof CustomerEvent event)) {
                super.serializeAsField(bean, generator, provider);
                return;
            }
            UUID customer = event.customerId().value();
            generator.writeFieldName(getName());
            if (value instanceof Map<?, ?> map) {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : new java.util.TreeMap<>(map).entrySet()) {
                    generator.writeStringField(String.valueOf(entry.getKey()),
                            entry.getValue() == null ? null : seal(customer, entry.getValue().toString()));
                }
                generator.writeEndObject();
            } else {
                generator.writeString(seal(customer, value.toString()));
            }
        }
    }

    /** Reads every string of the journal, opening the sealed ones. */
    private final class Opening extends StdScalarDeserializer<String> {

        Opening() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return open(StringDeserializer.instance.deserialize(parser, context));
        }
    }
}
