package io.cxengine.journey.command.recording;

/** The metadata keys under which a command's provenance travels to every event it records. */
public final class Provenance {

    /** The client's {@code X-Correlation-Id}: one conversation across systems. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that caused this one (for an event: its command, or its deadline). */
    public static final String CAUSATION_ID = "causationId";
    /** Who submitted the command: the subject of its token. */
    public static final String PRINCIPAL = "principal";
    /** Which system submitted it: the client its token was issued to ({@code azp} or {@code client_id}). */
    public static final String SYSTEM = "system";
    /** The client's {@code Idempotency-Key}, if it sent one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The import and line a fact was recorded from ({@code <import id>#<line>}), for facts of a bulk import. */
    public static final String IMPORT_LINE = "importLine";
    /** The version the client expects the customer to be at ({@code If-Match}); checked, not stored. */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private Provenance() {
    }
}
