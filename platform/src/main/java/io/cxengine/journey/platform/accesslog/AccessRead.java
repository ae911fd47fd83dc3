package io.cxengine.journey.platform.accesslog;

import io.cxengine.journey.platform.security.Caller;

import java.util.UUID;

/** A read under way, as its entry will record it once its outcome is known. */
record AccessRead(Caller caller, String operation, String method, String path, UUID customerId,
                  String correlationId, String purpose) {
}
