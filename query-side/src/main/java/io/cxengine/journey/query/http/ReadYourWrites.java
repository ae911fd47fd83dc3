package io.cxengine.journey.query.http;

import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Lets a client read its own writes: a write answers with the global position of its last event; a read given that
 * position ({@code minPosition} or {@code X-Min-Position}) waits, up to a short bound, until the projection it reads
 * has handled that event.
 */
@Component
public class ReadYourWrites {

    public static final String HEADER = "X-Min-Position";

    private final ProcessorProgress processors;
    private final TokenPositions tokens;
    private final ReadSettings settings;

    ReadYourWrites(ProcessorProgress processors, TokenPositions tokens, ReadSettings settings) {
        this.processors = processors;
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
        while (true) {
            Optional<Boolean> known = processors.passed(processingGroup, position);
            if (reached(processingGroup, position, known)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                // This process's own progress costs nothing to look at; the token store costs a query.
                Thread.sleep(known.isPresent() ? 1 : 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Whether every segment of the group, on whichever instance, has passed the position: from this process's own
     * processor when it holds every segment (no query), else from the token store.
     */
    public boolean reached(String processingGroup, long position) {
        return reached(processingGroup, position, processors.passed(processingGroup, position));
    }

    private boolean reached(String processingGroup, long position, Optional<Boolean> ownProgress) {
        return ownProgress.orElseGet(() -> tokens.passed(processingGroup, position));
    }
}
