package io.cxengine.journey.platform.security;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code token}: prints a token signed with the engine's local key pair, before or while the engine runs, e.g.
 * {@code token --scopes=journey.write,journey.agent --lifetime=1h}. The key pair is created if it does not exist yet,
 * exactly where the engine looks for it ({@code JOURNEY_KEYS_DIRECTORY}, default {@code data/keys}).
 */
public final class TokenCommand {

    static final String USAGE = """
            Usage: token --scopes=SCOPE[,SCOPE...] [--lifetime=1h] [--subject=NAME] [--client=NAME] [--keys-directory=DIR]
                         [--console[=http://localhost:8080]]
              Prints a bearer token signed with the engine's local key pair (created under the keys directory if absent);
              with --console, the console's address that signs in with it (the token after '#', never sent to a server).
              Scopes: %s
              Lifetime: a duration such as 15m, 1h, 8h or 1d (at most 30d); default 1h.
            """.formatted(String.join(", ", Arrays.stream(Scope.values()).map(Scope::value).toList()));
    private static final Duration LONGEST = Duration.ofDays(30);

    private TokenCommand() {
    }

    /** Runs the command; returns the process's exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> scopes = new ArrayList<>();
        Duration lifetime = Duration.ofHours(1);
        String subject = "local-operator";
        String client = "journey-cli";
        String console = null;
        Path directory = Path.of(Optional.ofNullable(System.getenv("JOURNEY_KEYS_DIRECTORY"))
                .or(() -> Optional.ofNullable(System.getProperty("journey.keys.directory"))).orElse("data/keys"));
        try {
            for (String arg : args) {
                String[] option = arg.split("=", 2);
                String value = option.length == 2 ? option[1] : "";
                switch (option[0]) {
                    case "token" -> { }
                    case "--scopes", "--scope" -> Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank())
                            .forEach(scopes::add);
                    case "--lifetime" -> lifetime = duration(value);
                    case "--subject" -> subject = nonBlank(value, "--subject");
                    case "--client" -> client = nonBlank(value, "--client");
                    case "--keys-directory" -> directory = Path.of(nonBlank(value, "--keys-directory"));
                    case "--console" -> {
                        console = value.isBlank() ? "http://localhost:8080" : value.replaceAll("/+$", "");
                        client = client.equals("journey-cli") ? "journey-console" : client;
                    }
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + option[0]);
                }
            }
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException("Name at least one scope with --scopes");
            }
            List<String> known = Arrays.stream(Scope.values()).map(Scope::value).toList();
            for (String scope : scopes) {
                if (!known.contains(scope)) {
                    throw new IllegalArgumentException("Unknown scope " + scope);
                }
            }
            String token = LocalTokens.in(directory).mint(subject, client, scopes, lifetime);
            out.println(console == null ? token : console + "/console/#token=" + token);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            duration = value.startsWith("p") ? Duration.parse(value.toUpperCase(Locale.ROOT))
                    : switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
                case 'm' -> Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
                case 'h' -> Duration.ofHours(Long.parseLong(value.substring(0, value.length() - 1)));
                case 'd' -> Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)));
                default -> throw new IllegalArgumentException("x");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--lifetime must be a duration such as 15m, 1h or 1d, not " + text);
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("--lifetime must be positive and at most 30d, not " + text);
        }
        return duration;
    }

    private static String nonBlank(String value, String option) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
