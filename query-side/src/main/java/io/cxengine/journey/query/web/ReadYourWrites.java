package io.cxengine.journey.query.web;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Lets a client read its own writes: a write answers with the global position of its last event; a read given that
 * position ({@code minPosition} or {@code X-Min-Position}) waits, up to a short bound, until the projection it reads
 * has handled that event.
 */
@Component
public class ReadYourWrites {

    public static final String HEADER = "X-Min-Position";

    private final EventProcessingConfiguration processing;
    private final ReadSettings settings;

    ReadYourWrites(EventProcessingConfiguration processing, ReadSettings settings) {
        this.processing = processing;
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

    /** Whether every segment of the group has passed the position, and none still waits for it as a gap. */
    public boolean reached(String processingGroup, long position) {
        StreamingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("No streaming processor for " + processingGroup));
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = segment.getTrackingToken();
            OptionalLong current = token == null ? OptionalLong.empty() : token.position();
            if (current.isEmpty() || current.getAsLong() < position) {
                return false;
            }
            if (token instanceof GapAwareTrackingToken gapAware && gapAware.getGaps().contains(position)) {
                return false;
            }
        }
        return true;
    }
}
