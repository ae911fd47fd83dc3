package io.cxengine.journey.query.http;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Optional;

/**
 * Where a processing group stands, from this process's own processor: each segment's token as its work package
 * commits it (Axon updates a segment's status after the batch's transaction has committed, never before). That answers
 * only while this process holds every segment of the group; otherwise (another engine holds some, a segment is
 * between owners or failed) it does not know, and the token store is asked ({@link TokenPositions}).
 */
@Component
class ProcessorProgress {

    private final EventProcessingConfiguration processing;

    ProcessorProgress(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * Whether every segment of the group has handled the event at this position, as this process knows it; empty if
     * this process does not hold every segment.
     */
    Optional<Boolean> passed(String processingGroup, long position) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
        if (processor.isEmpty() || !processor.get().isRunning()) {
            return Optional.empty();
        }
        Collection<EventTrackerStatus> segments = processor.get().processingStatus().values();
        if (segments.isEmpty() || segments.stream().anyMatch(EventTrackerStatus::isErrorState) || !whole(segments)) {
            return Optional.empty();
        }
        return Optional.of(segments.stream().allMatch(status -> TokenPositions.passes(status.getTrackingToken(), position)));
    }

    /** Whether the segments cover the whole stream: their shares (1 / (mask + 1) each) add up to one. */
    private static boolean whole(Collection<EventTrackerStatus> segments) {
        long finest = segments.stream().mapToLong(status -> status.getSegment().getMask() + 1L).max().orElse(1);
        long covered = segments.stream().mapToLong(status -> finest / (status.getSegment().getMask() + 1L)).sum();
        return covered == finest;
    }
}
