package io.cxengine.journey.benchmarks;

import io.cxengine.journey.platform.security.LocalTokens;
import io.cxengine.journey.platform.security.Scope;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The bearer token the load tools send: {@code -Djourney.token} or {@code JOURNEY_TOKEN} if given (a token of the
 * engine's identity provider), else one minted with the engine's local key pair under {@code journey.keys.directory}
 * ({@code JOURNEY_KEYS_DIRECTORY}, default {@code data/keys}) for every scope, valid for a day.
 */
final class Bearer {

    private static volatile String token;

    private Bearer() {
    }

    static String header() {
        return "Bearer " + token();
    }

    static String token() {
        String known = token;
        if (known == null) {
            known = Optional.ofNullable(System.getProperty("journey.token"))
                    .or(() -> Optional.ofNullable(System.getenv("JOURNEY_TOKEN")))
                    .orElseGet(() -> LocalTokens.in(Path.of(Optional.ofNullable(System.getProperty("journey.keys.directory"))
                                    .or(() -> Optional.ofNullable(System.getenv("JOURNEY_KEYS_DIRECTORY")))
                                    .orElse("data/keys")))
                            .mint("load-tool", "journey-load-tool",
                                    Arrays.stream(Scope.values()).map(Scope::value).toList(), Duration.ofDays(1)));
            token = known;
        }
        return known;
    }
}
