package io.cxengine.journey.platform.ratelimit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AllowancesTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    @DisplayName("past the bound, the least recently used keys are forgotten, down to nine tenths; never the key just added")
    void forgetsTheLeastRecentlyUsed() {
        Allowances<Integer> allowances = new Allowances<>(10, key -> new RateLimitSettings.Limit(5, 1), now::incrementAndGet);
        for (int key = 0; key < 10; key++) {
            allowances.spend(key, 1);
        }
        allowances.spend(0, 1); // key 0 is now the most recently used

        allowances.spend(10, 1);

        assertThat(allowances.tracks(0)).isTrue();
        assertThat(allowances.tracks(1)).isFalse();
        assertThat(allowances.tracks(2)).isFalse();
        for (int key = 3; key <= 10; key++) {
            assertThat(allowances.tracks(key)).as("key %d", key).isTrue();
        }
    }

    @Test
    @DisplayName("a key's allowance is spent and refused once gone, with the time until it refills")
    void spendsAndRefuses() {
        Allowances<String> allowances = new Allowances<>(10, key -> new RateLimitSettings.Limit(2, 1));

        assertThat(allowances.spend("client", 1)).isZero();
        assertThat(allowances.spend("client", 1)).isZero();
        Duration wait = allowances.spend("client", 1);

        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(allowances.waitFor("client")).isPositive();
        assertThat(allowances.spend("another client", 1)).isZero();
    }

    @Test
    @DisplayName("eight threads spending one key's allowance at once spend exactly what it holds")
    void concurrentSpendersShareOneBucket() throws Exception {
        Allowances<String> allowances = new Allowances<>(100, key -> new RateLimitSettings.Limit(50_000, 1));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Long>> spenders = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                spenders.add(() -> {
                    long spent = 0;
                    for (int attempt = 0; attempt < 10_000; attempt++) {
                        if (allowances.spend("client", 1).isZero()) {
                            spent++;
                        }
                    }
                    return spent;
                });
            }
            long spent = 0;
            for (Future<Long> result : threads.invokeAll(spenders)) {
                spent += result.get();
            }
            // 50,000 held, plus at most what one token per second refills while the threads run.
            assertThat(spent).isBetween(50_000L, 50_030L);
        } finally {
            threads.shutdownNow();
        }
    }
}
