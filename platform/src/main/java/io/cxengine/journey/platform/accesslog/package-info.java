/** Who read which customer's identified data: the append-only access log, written before any answer leaves. */
package io.cxengine.journey.platform.accesslog;
