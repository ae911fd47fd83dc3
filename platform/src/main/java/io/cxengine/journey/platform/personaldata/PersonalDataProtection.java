package io.cxengine.journey.platform.personaldata;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.cxengine.journey.customer.CustomerEvent;
import io.cxengine.journey.customer.PersonalData;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Crypto-shredding in the journal: every field of an event marked {@link PersonalData} is stored sealed with the
 * customer's own key, as {@code pd2:<customer>:<iv+ciphertext>}: AES-GCM under a key derived from the customer's data
 * key for encryption, the customer id as associated data, the IV derived under a second key (see {@link DataKey}).
 * Reading opens it with that key; once the key is destroyed, the field reads as {@value PersonalData#ERASED}, while the
 * stored bytes (and so the hash chain) stay exactly as they were. Values sealed before the keys were split
 * ({@code pd1:}, the data key itself for both) open as they always did; they are never rewritten.
 * <p>
 * The IV is derived from the key and the plaintext (a synthetic IV), so that sealing is deterministic: the hash chain
 * hashes the bytes the serializer writes, and writing them twice must give the same bytes. Equal values of one
 * customer seal alike; different values never share an IV.
 * <p>
 * A sealed value opens only where it was written: in a personal field of an event of the customer it names. Anywhere
 * else (another customer's event, a field that is not personal, metadata, a snapshot) it is text like any other, so
 * that nobody can have the engine decrypt a value by copying it into a field they can read back.
 */
public final class PersonalDataProtection extends SimpleModule {

    static final String PREFIX = "pd2:";
    /** Sealed with the data key itself, before encryption and IV had keys of their own. */
    static final String LEGACY_PREFIX = "pd1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** The deserialization attribute holding the customer whose event is being read. */
    private static final Object OWNER = new Object();

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
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return CustomerEvent.class.isAssignableFrom(description.getBeanClass())
                        ? new OwnedByItsCustomer(deserializer) : deserializer;
            }
        });
        addDeserializer(String.class, new Text());
    }

    String seal(UUID customer, String plaintext) {
        try {
            DataKey key = keys.keyFor(customer);
            Mac mac = MAC.get();
            mac.init(key.iv());
            byte[] iv = Arrays.copyOf(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), IV_BYTES);
            // A fresh cipher: GCM refuses to encrypt twice with one key and IV on one instance, and sealing the same
            // value twice is intended (the hash chain and the store serialize the event each).
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.encryption(), new GCMParameterSpec(TAG_BITS, iv));
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

    /**
     * The plaintext of a value sealed for {@code owner}, {@value PersonalData#ERASED} if their key is gone; any other
     * text (sealed for someone else included) as it is.
     */
    String open(String value, UUID owner) {
        boolean legacy = value != null && value.startsWith(LEGACY_PREFIX);
        if (owner == null || !(legacy || value.startsWith(PREFIX))) {
            return value;
        }
        String customer = owner.toString();
        int separator = PREFIX.length() + customer.length();
        if (value.length() <= separator || value.charAt(separator) != ':'
                || !value.startsWith(customer, PREFIX.length())) {
            return value;
        }
        Optional<DataKey> key = keys.existing(owner);
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        try {
            byte[] stored = Base64.getUrlDecoder().decode(value.substring(separator + 1));
            if (stored.length < IV_BYTES) {
                return value;
            }
            Cipher cipher = OPENING.get();
            cipher.init(Cipher.DECRYPT_MODE, legacy ? key.get().key() : key.get().encryption(),
                    new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            cipher.updateAAD(customer.getBytes(StandardCharsets.UTF_8));
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
                for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                    generator.writeStringField(String.valueOf(entry.getKey()),
                            entry.getValue() == null ? null : seal(customer, entry.getValue().toString()));
                }
                generator.writeEndObject();
            } else {
                generator.writeString(seal(customer, value.toString()));
            }
        }
    }

    /**
     * Reads an event knowing whose it is: its {@code customerId} may come after its personal fields (the journal
     * writes them in alphabetical order, and upcasters may write any), so the event's tokens are buffered first (as
     * tokens, not a tree, which would round decimals through doubles), its owner noted for the personal fields, and
     * then the buffer is read as the event.
     */
    private static final class OwnedByItsCustomer extends DelegatingDeserializer {

        OwnedByItsCustomer(JsonDeserializer<?> event) {
            super(event);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> event) {
            return new OwnedByItsCustomer(event);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.START_OBJECT)) {
                return _delegatee.deserialize(parser, context); // Not a whole event: nothing in it opens.
            }
            TokenBuffer event = context.bufferAsCopyOfValue(parser);
            Object outer = context.getAttribute(OWNER);
            context.setAttribute(OWNER, owner(event));
            try (JsonParser fields = event.asParserOnFirstToken()) {
                return _delegatee.deserialize(fields, context);
            } finally {
                context.setAttribute(OWNER, outer);
            }
        }

        private static UUID owner(TokenBuffer event) throws IOException {
            try (JsonParser tokens = event.asParserOnFirstToken()) {
                for (JsonToken token = tokens.nextToken(); token == JsonToken.FIELD_NAME; token = tokens.nextToken()) {
                    String name = tokens.currentName();
                    if (tokens.nextToken() == JsonToken.VALUE_STRING && name.equals("customerId")) {
                        return UUID.fromString(tokens.getText());
                    }
                    tokens.skipChildren();
                }
                return null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Reads the journal's strings: as they are, except in a personal field, where the owner's sealed values open. */
    private final class Text extends StdScalarDeserializer<String> implements ContextualDeserializer {

        private final boolean personal;

        Text() {
            this(false);
        }

        private Text(boolean personal) {
            super(String.class);
            this.personal = personal;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            // Jackson asks once per property (a map's values included: they come with the map's property).
            boolean personalField = property != null && property.getAnnotation(PersonalData.class) != null;
            return personalField == personal ? this : new Text(personalField);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            return personal ? open(text, (UUID) context.getAttribute(OWNER)) : text;
        }
    }
}
