package io.cxengine.journey.command.standards;

import io.cxengine.journey.command.customer.ServiceStandards;
import io.cxengine.journey.command.customer.StandardsInForce;
import io.cxengine.journey.command.recording.Provenance;
import io.cxengine.journey.command.standards.StandardsCommand.OpenServiceStandardsBook;
import io.cxengine.journey.customer.ServiceStandard;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * On a store without a service standards book, opens it with the configured limits (principal
 * {@value #PRINCIPAL}); two nodes starting together open it once. Once the book is open, changing a limit in the
 * configuration changes nothing: the book says so at start, and a new version is recorded through the API.
 */
@Component
class StandardsOpening implements ApplicationRunner {

    static final String PRINCIPAL = "system:configuration";
    private static final Logger log = LoggerFactory.getLogger(StandardsOpening.class);

    private final StandardsInForce standards;
    private final CommandGateway commands;
    private final Clock clock;

    StandardsOpening(StandardsInForce standards, CommandGateway commands, Clock clock) {
        this.standards = standards;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        ServiceStandards configured = standards.configured();
        if (standards.versions().isEmpty()) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new OpenServiceStandardsBook(StandardsInForce.opening(configured))).andMetaData(Map.of(
                        Provenance.PRINCIPAL, PRINCIPAL, Provenance.SYSTEM, "journey-engine",
                        Provenance.CORRELATION_ID, UUID.randomUUID().toString())));
                log.info("Opened the service standards book with the configured limits as version 1");
            } catch (RuntimeException failure) {
                if (standards.versions().isEmpty()) {
                    throw failure;
                }
                log.info("The service standards book was opened by another node meanwhile");
            }
        }
        StandardsInForce.InForce inForce = standards.at(clock.instant());
        for (ServiceStandard standard : ServiceStandard.values()) {
            Duration set = configured.of(standard).orElse(null);
            if (standard.hasOwnLimit() && !set.equals(inForce.of(standard).orElseThrow())) {
                log.warn("journey.service-standards sets {} to {}, but version {} of the service standards book is in "
                                + "force with {}: the book decides; record a new version with POST "
                                + "/service-standards/{}/versions", standard, set, inForce.versions().get(standard),
                        inForce.of(standard).orElseThrow(), standard);
            }
        }
    }
}
