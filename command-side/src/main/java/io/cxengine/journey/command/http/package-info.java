/**
 * The REST commands of a customer's journey: thin controllers over the command gateway, the write guard in front of
 * them, and their problems.
 */
package io.cxengine.journey.command.http;
