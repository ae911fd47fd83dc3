package io.cxengine.journey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The engine's command-line client.
 * <pre>
 * java -jar cli/target/cli-0.1.0-SNAPSHOT-exec.jar import history.ndjson --url=http://localhost:8080 --token=$TOKEN
 * </pre>
 */
@Command(name = "journey", mixinStandardHelpOptions = true, version = "journey 0.1.0",
        description = "A client of the journey engine's REST API.", subcommands = ImportCommand.class)
public final class JourneyCli {

    private JourneyCli() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new JourneyCli()).execute(args));
    }
}
