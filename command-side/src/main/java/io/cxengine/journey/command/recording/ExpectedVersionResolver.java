package io.cxengine.journey.command.recording;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Finds the customer a command targets from its {@code @TargetAggregateIdentifier}, and the version the client expects
 * from the command's metadata ({@code If-Match}), so that Axon refuses the command on a stale version.
 */
public class ExpectedVersionResolver implements CommandTargetResolver {

    private final CommandTargetResolver identifiers = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = identifiers.resolveTarget(command);
        Object expected = command.getMetaData().get(Provenance.EXPECTED_VERSION);
        return new VersionedAggregateIdentifier(target.getIdentifierValue(),
                expected instanceof Number version ? version.longValue() : null);
    }
}
