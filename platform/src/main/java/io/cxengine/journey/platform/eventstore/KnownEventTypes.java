package io.cxengine.journey.platform.eventstore;

import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import java.util.stream.Stream;

/**
 * The last link of the upcaster chain: a stored event whose type (after upcasting) no class of this engine reads
 * fails loudly. Axon would otherwise hand it on as an unknown type, which every handler silently skips: an aggregate
 * would decide, and a projection count, without a fact it was meant to see. (An unknown type means the data is newer
 * than the code, as after rolling back a release: stopping is the safe answer.)
 */
public class KnownEventTypes implements EventUpcaster {

    private final Serializer serializer;

    public KnownEventTypes(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public Stream<IntermediateEventRepresentation> upcast(Stream<IntermediateEventRepresentation> representations) {
        return representations.peek(representation -> {
            if (UnknownSerializedType.class.equals(serializer.classForType(representation.getType()))) {
                throw new UnknownEventType(representation.getType().getName(), representation.getType().getRevision(),
                        representation.getMessageIdentifier());
            }
        });
    }

    /** A stored event of a type this engine does not know. */
    public static class UnknownEventType extends IllegalStateException {
        public UnknownEventType(String type, String revision, String eventIdentifier) {
            super("Stored event %s has type %s revision %s, which this engine cannot read; refusing to skip it"
                    .formatted(eventIdentifier, type, revision));
        }
    }
}
