package io.cxengine.journey.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Sends requests at the same moment from as many threads, and collects what each answered. */
final class Race {

    private Race() {
    }

    /** Runs {@code senders} requests released together; request {@code i} is {@code request.apply(i)}. */
    static List<Integer> statuses(int senders, IntFunction<Api.Response> request) throws Exception {
        return responses(senders, request).stream().map(Api.Response::status).toList();
    }

    /** As {@link #statuses}, with the whole answers, in the order of the senders. */
    static List<Api.Response> responses(int senders, IntFunction<Api.Response> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(senders);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            int sender = i;
            calls.add(() -> {
                start.await();
                return request.apply(sender);
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Api.Response> responses = new ArrayList<>();
        try {
            for (Future<Api.Response> response : pool.invokeAll(calls)) {
                responses.add(response.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return responses;
    }
}
