package io.cxengine.journey.command.http;

import io.cxengine.journey.command.customer.StandardsInForce;
import io.cxengine.journey.command.customer.StandardsInForce.RecordedVersion;
import io.cxengine.journey.command.standards.StandardsCommand.ChangeServiceStandard;
import io.cxengine.journey.customer.ServiceStandard;
import io.cxengine.journey.platform.security.Allowed;
import io.cxengine.journey.platform.security.Scope;
import io.cxengine.journey.standards.ServiceStandardEvent.ServiceStandardChanged;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The service standards book: each standard's versions, and a new version recorded ahead of its time. */
@RestController
@CommandEndpoint
@Tag(name = "Service standards", description = "The limits of the service standards, as versions that take effect over time")
class ServiceStandardsController {

    private final StandardsInForce standards;
    private final CommandGateway commands;
    private final Clock clock;

    ServiceStandardsController(StandardsInForce standards, CommandGateway commands, Clock clock) {
        this.standards = standards;
        this.commands = commands;
        this.clock = clock;
    }

    @Operation(summary = "The service standards book", description = """
            Every standard with a limit of its own, the version in force now, and every version: its limit, from when \
            it takes effect, why, who recorded it and when. Version 1 is the limit the engine was configured with when \
            the book was opened (principal `system:configuration`). Each clock is judged by the version in force when \
            it started, which the fact that started it names (`standardVersions`).""")
    @Allowed({Scope.ADMIN, Scope.ANALYZE, Scope.AUDIT})
    @GetMapping("/service-standards")
    Book book() {
        Instant now = clock.instant();
        // Read afresh first, so that the limits in force come from the same reading, not from a second one.
        List<RecordedVersion> versions = standards.versions();
        StandardsInForce.InForce inForce = standards.at(now);
        List<Standard> book = Arrays.stream(ServiceStandard.values()).filter(ServiceStandard::hasOwnLimit)
                .map(standard -> new Standard(standard, inForce.versions().get(standard),
                        inForce.of(standard).orElseThrow().toString(),
                        versions.stream().filter(recorded -> recorded.version().standard() == standard)
                                .map(Version::of).toList()))
                .toList();
        return new Book(now, standards.announceAhead().toString(), book);
    }

    @Operation(summary = "Record a standard's next version", description = """
            Sets the standard's limit from `effectiveFrom` on (default: as soon as allowed). A version is recorded at \
            least `announceAhead` (`journey.service-standards.announce-ahead`, 1 minute by default) before it takes \
            effect, so that every node knows it before a clock starts under it; the past is never re-judged (409). \
            Versions of a standard take effect in the order recorded (409 for one that would take effect before the \
            latest), and a version with the limit of the latest is refused (409). `FOLLOW_UP` and `PROMISED_SOLUTION` \
            run to the due time each fact names and have no limit to set (400). Clocks that started before the new \
            version took effect keep the version they started under. An `Idempotency-Key` is not kept for this \
            operation: a repeated request is refused (409), its version being the latest already.""")
    @Allowed(Scope.ADMIN)
    @PostMapping(path = "/service-standards/{standard}/versions", consumes = "application/json")
    ResponseEntity<Version> change(@PathVariable ServiceStandard standard, @Valid @RequestBody VersionRequest body,
                                   HttpServletRequest request) {
        ServiceStandardChanged changed = commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                new ChangeServiceStandard(standard, body.within(), body.effectiveFrom(), body.reason()))
                .andMetaData(Writes.provenance(request)));
        // As the book now holds it: who recorded it, and when (the event's time).
        RecordedVersion recorded = standards.versionsOf(standard).stream()
                .filter(version -> version.version().version() == changed.version()).findFirst()
                .orElseThrow(() -> new IllegalStateException("Version %d of %s committed but not read back"
                        .formatted(changed.version(), standard)));
        return ResponseEntity.created(URI.create("/service-standards")).body(Version.of(recorded));
    }

    record VersionRequest(@Schema(description = "The new limit, ISO-8601 (whole seconds)", example = "PT12H") @NotNull
                          Duration within,
                          @Schema(description = "When it takes effect; default as soon as allowed",
                                  example = "2027-03-01T00:00:00Z") Instant effectiveFrom,
                          @Schema(example = "The e-mail team is staffed around the clock from March") @NotBlank
                          @Size(max = 500) String reason) {
    }

    /** The book now: each standard with the version in force and all its versions. */
    record Book(Instant asOf, String announceAhead, List<Standard> standards) {
    }

    record Standard(ServiceStandard standard, Integer versionInForce, String withinInForce, List<Version> versions) {
    }

    /** One version of a standard, as recorded. */
    record Version(ServiceStandard standard, int version, String within, long withinSeconds, Instant effectiveFrom,
                   String reason, String recordedBy, Instant recordedAt) {

        static Version of(RecordedVersion recorded) {
            ServiceStandardChanged version = recorded.version();
            return new Version(version.standard(), version.version(),
                    Duration.ofSeconds(version.withinSeconds()).toString(), version.withinSeconds(),
                    version.effectiveFrom(), version.reason(), recorded.principal(), recorded.recordedAt());
        }
    }
}
