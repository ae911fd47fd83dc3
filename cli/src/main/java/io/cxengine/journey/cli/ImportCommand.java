package io.cxengine.journey.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

/** {@code journey import FILE}: sends a file of commands to the engine, showing progress, resuming after failures. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Sends an NDJSON file of commands (one per line: {\"path\": …, \"body\": …}) to POST /imports, with a "
                + "progress bar. The import's id is kept: after a failure (the engine or the network gone, a 5xx) "
                + "the file is sent again under the same id and the engine goes on from the first line not done.",
        "Exit code: 0 every line recorded, 2 some lines refused (listed), 1 the import did not finish."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The NDJSON file")
    Path file;

    @Option(names = "--url", defaultValue = "http://localhost:8080", description = "The engine (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token", defaultValue = "${env:JOURNEY_TOKEN}",
            description = "A bearer token with scope journey.write (default: $JOURNEY_TOKEN)")
    String token;

    @Option(names = "--import-id", description = "Resume this import (default: a new one; its id is printed)")
    UUID importId;

    @Option(names = "--attempts", defaultValue = "5", description = "Sends at most this often (default: ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--refusals", defaultValue = "20", description = "Lists at most this many refused lines (default: ${DEFAULT-VALUE})")
    int refusals;

    @Override
    public Integer call() throws Exception {
        if (token == null || token.isBlank()) {
            System.err.println("No token: pass --token or set JOURNEY_TOKEN (scope journey.write)");
            return 1;
        }
        UUID id = importId != null ? importId : UUID.randomUUID();
        System.err.printf("Import %s of %s to %s (resume it with --import-id=%s)%n", id, file, url, id);
        ImportClient.Result result = new ImportClient(url, token, Duration.ofSeconds(2), System.err)
                .send(file, id, attempts, refusals);
        System.out.println(result.text());
        return result.finished() ? (result.refusals() > 0 ? 2 : 0) : 1;
    }
}
