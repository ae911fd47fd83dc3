/** What the query side's endpoints share: how a failed read is told as an RFC 9457 problem. */
package io.cxengine.journey.query.http;
