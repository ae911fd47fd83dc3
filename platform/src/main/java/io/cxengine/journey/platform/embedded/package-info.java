/**
 * The embedded, durable PostgreSQL default: its server, its data directory's lock and the clean-up of a server a
 * killed JVM left behind.
 */
package io.cxengine.journey.platform.embedded;
