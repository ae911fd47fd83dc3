/** The whole engine in one process: command side and query side on one port, meeting only in the event store. */
package io.cxengine.journey.launcher;
