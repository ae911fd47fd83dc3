package io.cxengine.journey.platform.security;

import io.cxengine.journey.platform.keys.OwnerOnlyFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The engine's own token-signing key pair, for a start without an identity provider: created on first use under the
 * keys directory (RSA 3072, PKCS#8 PEM, owner-only), read by the engine to verify and by the {@code token} command to
 * sign. Never in the repository, never in the database.
 */
public record TokenSigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    static final String FILE = "token-signing-key.pem";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    /** The key pair under this directory, created if it is not there yet. */
    public static TokenSigningKey in(Path directory) {
        byte[] pem = OwnerOnlyFiles.readOrCreate(directory.resolve(FILE), TokenSigningKey::newPem);
        try {
            String body = new String(pem, StandardCharsets.US_ASCII).replace(BEGIN, "").replace(END, "")
                    .replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new TokenSigningKey(privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("The token-signing key in " + directory.resolve(FILE)
                    + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static byte[] newPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            byte[] encoded = generator.generateKeyPair().getPrivate().getEncoded();
            String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(encoded) + "\n" + END + "\n";
            return pem.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No RSA in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "TokenSigningKey[hidden]";
    }
}
