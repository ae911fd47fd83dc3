package io.cxengine.journey.benchmarks;

import java.util.Arrays;

/** Latency samples in nanoseconds, and their percentiles in milliseconds. */
final class Latencies {

    private final long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    void add(long nanos) {
        samples[count++] = nanos;
    }

    /** The p-th percentile (0-100), nearest rank, in milliseconds. */
    double percentile(double p) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, rank))] / 1_000_000.0;
    }
}
