/**
 * The console: pages served by the engine that read and write only through its REST API, with the caller's own
 * token.
 */
package io.cxengine.journey.console;
