package io.cxengine.journey.query.web;

import org.springframework.stereotype.Component;


/**
 * Lets a client read its own writes: a write answers with the global position of its last event; a read given that
 * position ({@code minPosition} or {@code X-Min-Position}) waits, up to a short bound, until the projection it reads
 * has handled that event.
 */
@Component
public class ReadYourWrites {

    public static final String HEADER = "X-Min-Position";

    private final TokenPositions tokens;
    private final ReadSettings settings;

    ReadYourWrites(TokenPositions tokens, ReadSettings settings) {
        this.tokens = tokens;
        this.settings = settings;
    }

    /** Waits until the processing group has handled the event at {@code position}; false if the bound ran out. */
    public boolean await(String processingGroup, Long position) {
        if (position == null) {
            return true;
        }
        if (position < 0) {
            throw new InvalidReadRequest("minPosition", "must not be negative");
        }
        long deadline = System.nanoTime() + settings.minPositionWait().toNanos();
        while (!reached(processingGroup, position)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Whether every segment of the group, on whichever instance, has passed the position. */
    public boolean reached(String processingGroup, long position) {
        return tokens.passed(processingGroup, position);
    }
}
