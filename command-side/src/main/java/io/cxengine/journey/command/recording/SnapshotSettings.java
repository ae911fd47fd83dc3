package io.cxengine.journey.command.recording;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a customer's state is snapshotted ({@code journey.snapshots.threshold}): after this many events are read to
 * load it, a snapshot is taken, so that long histories load fast. Snapshots only speed up loading the aggregate;
 * auditors always read the history from the first event.
 */
@ConfigurationProperties("journey.snapshots")
record SnapshotSettings(@DefaultValue("100") int threshold) {
}
