/** The journey generator and the benchmark harness: engine figures next to raw PostgreSQL limits of the same run. */
package io.cxengine.journey.benchmarks;
