package io.cxengine.journey.command.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/**
 * Imports as meters ({@code docs/operations.md}, "Meters"): {@code journey.imports.running}, the imports this process
 * is recording now, and the lines, commands, facts and refused lines of every batch, counted once the batch's
 * transaction has committed (a batch rolled back counts nothing, so the counters never run ahead of the store).
 */
final class ImportMeters {

    private final Counter lines;
    private final Counter commands;
    private final Counter facts;
    private final Counter refusals;

    ImportMeters(MeterRegistry meters, Map<?, ?> running) {
        Gauge.builder("journey.imports.running", running, Map::size)
                .description("Imports this process is recording now").register(meters);
        lines = counter(meters, "journey.imports.lines", "Import lines done (recorded, repeated or refused)");
        commands = counter(meters, "journey.imports.commands", "Import lines whose command was recorded or repeated");
        facts = counter(meters, "journey.imports.facts", "Facts recorded by imports");
        refusals = counter(meters, "journey.imports.refusals", "Import lines refused; they recorded nothing");
    }

    private static Counter counter(MeterRegistry meters, String name, String description) {
        return Counter.builder(name).description(description).register(meters);
    }

    /** A batch committed. */
    void committed(ImportJobs.Batch batch) {
        lines.increment(batch.lines());
        commands.increment(batch.commands());
        facts.increment(batch.facts());
        refusals.increment(batch.refused().size());
    }
}
