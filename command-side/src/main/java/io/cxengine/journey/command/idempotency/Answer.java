package io.cxengine.journey.command.idempotency;

import java.util.Map;

/**
 * The answer a request with an {@code Idempotency-Key} got, stored with its facts and replayed to a retry.
 *
 * @param status  the HTTP status
 * @param headers the headers that belong to the answer ({@code ETag}, {@code Location})
 * @param body    the body, as JSON
 */
public record Answer(int status, Map<String, String> headers, String body) {

    public Answer {
        headers = Map.copyOf(headers);
    }
}
