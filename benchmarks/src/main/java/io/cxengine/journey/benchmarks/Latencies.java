package io.cxengine.journey.benchmarks;

import java.util.Arrays;

/** Latency samples in nanoseconds, and their percentiles in milliseconds. */
final class Latencies {

    private long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[Math.max(16, capacity)];
    }

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.count; i++) {
            add(other.samples[i]);
        }
    }

    int count() {
        return count;
    }

    /** The p-th percentile (0-100), nearest rank, in milliseconds. */
    double percentile(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1_000_000.0;
    }
}
