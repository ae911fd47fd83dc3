package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.idempotency.Answer;

/** What sending a write did: recorded it now, or found its key answered before. */
public sealed interface Written {

    /** The write ran now; the receipt is that of what it recorded. */
    record Recorded(Receipt receipt) implements Written {
    }

    /**
     * The key was answered before: nothing was recorded now. {@code answer} is the first answer, or null for a key
     * recorded by an engine of before answers were kept with the facts: then answer from the receipt of that write.
     */
    record Replayed(Answer answer, Receipt receipt) implements Written {
    }
}
