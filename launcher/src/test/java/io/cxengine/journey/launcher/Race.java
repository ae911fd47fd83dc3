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
        CyclicBarrier start = new CyclicBarrier(senders);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            int sender = i;
            calls.add(() -> {
                start.await();
                return request.apply(sender).status();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return statuses;
    }
}
