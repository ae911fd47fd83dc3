package io.cxengine.journey.platform.projection;

/**
 * This engine process as the token store knows it: the owner it writes into the segments it claims. Unique per
 * process, even for two engines in one JVM or two containers with the same host name and pid.
 */
public record ProcessingNodeId(String value) {
}
