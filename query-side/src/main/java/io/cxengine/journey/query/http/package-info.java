/**
 * What the query side's endpoints share: reads that wait for a position (read-your-writes), live updates, page cursors
 * and sizes, and how a failed read is told as an RFC 9457 problem.
 */
package io.cxengine.journey.query.http;
