package io.cxengine.journey.command.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper evidence of a customer's history: each event's hash covers the hash before it, the event's identity, its
 * type and revision, when it was recorded, who submitted it in which conversation, and the exact stored bytes of its
 * payload. Changing, removing or reordering any stored event breaks the chain from there on.
 */
public final class HashChain {

    /** The "previous hash" of a customer's first event. */
    public static final String GENESIS = "0".repeat(64);
    /** Metadata keys under which every event carries its link. */
    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private HashChain() {
    }

    /** One event as the chain sees it. */
    public record Link(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String payloadType,
                       String payloadRevision, String recordedAt, String principal, String correlationId,
                       byte[] payload) {
    }

    /** SHA-256 over the previous hash and the link, each field length-prefixed so that no two inputs read alike. */
    public static String hash(String previousHash, Link link) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String field : new String[]{previousHash, link.eventIdentifier(), link.aggregateIdentifier(),
                    Long.toString(link.sequenceNumber()), link.payloadType(), link.payloadRevision(), link.recordedAt(),
                    link.principal(), link.correlationId()}) {
                update(sha, field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8), field == null);
            }
            update(sha, link.payload(), false);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, byte[] bytes, boolean absent) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(absent ? -1 : bytes.length).array());
        sha.update(bytes);
    }
}
