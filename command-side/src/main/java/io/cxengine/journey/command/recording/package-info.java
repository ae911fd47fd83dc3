/**
 * How a command is recorded: sent through the gateway (alone or in a group committed together), its first round trip,
 * the customer's lock and repository with its memory and snapshots, and the receipt of what was recorded.
 */
package io.cxengine.journey.command.recording;
