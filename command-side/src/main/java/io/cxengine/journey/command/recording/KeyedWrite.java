package io.cxengine.journey.command.recording;

import io.cxengine.journey.command.idempotency.Answer;

import java.util.function.Function;

/**
 * A write sent under an {@code Idempotency-Key}.
 *
 * @param client      whose key it is (keys are each client's own)
 * @param key         the key
 * @param requestHash the request the key promises (method, path and exact body), as a fingerprint
 * @param answering   the answer the write gives once its receipt is known, stored with its facts for a retry
 */
public record KeyedWrite(String client, String key, String requestHash, Function<Receipt, Answer> answering) {
}
