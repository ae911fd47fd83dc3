package io.cxengine.journey.launcher;

import io.cxengine.journey.query.web.ProcessorProgress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Read-your-writes from the processors' own progress: a read that waits for a write's position asks this process's
 * processor while it holds every segment of the projection. (When it does not, the read asks the token store as
 * before; a test that hands a segment away here would disturb the other tests sharing this engine's context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProcessorProgressIT {

    private static final String PROFILES = "customer-profile";

    @LocalServerPort
    int port;
    @Autowired
    ProcessorProgress progress;

    @Test
    @DisplayName("holding every segment, the processor itself says when a write's position is passed, and not before")
    void ownProgressAnswers() {
        Api api = new Api(port);
        String customer = api.registerCustomer("Frances Allen");
        long position = api.post("/customers/" + customer + "/touchpoints", """
                {"channel": "EMAIL", "direction": "INBOUND", "purpose": "a question", "valence": "NEUTRAL"}""")
                .json().get("position").asLong();

        assertThat(within(Duration.ofSeconds(20), () -> progress.passed(PROFILES, position)))
                .contains(true);
        assertThat(progress.passed(PROFILES, position + 1_000_000)).contains(false);
        assertThat(api.get("/customers/" + customer + "/profile?minPosition=" + position).header("X-Position-Reached"))
                .isEqualTo("true");
    }

    /** The first answer that is known and true, or the last one when the time is up. */
    private static Optional<Boolean> within(Duration time, Supplier<Optional<Boolean>> answer) {
        Instant deadline = Instant.now().plus(time);
        Optional<Boolean> last = answer.get();
        while (!last.orElse(false) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            last = answer.get();
        }
        return last;
    }
}
