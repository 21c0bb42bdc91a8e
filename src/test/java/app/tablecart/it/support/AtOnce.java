package app.tablecart.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Calls released at the same moment, each on its own thread: how a burst of clients reaches the server. */
public final class AtOnce {

    private AtOnce() {}

    /** Runs every call at once and returns the answers by name; each call has 60 s. */
    public static <T> Map<String, T> run(Map<String, Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        Map<String, Future<T>> running = new LinkedHashMap<>();
        try {
            calls.forEach((name, call) -> running.put(name, pool.submit(() -> {
                start.await();
                return call.call();
            })));
            start.countDown();
            Map<String, T> answers = new LinkedHashMap<>();
            for (var entry : running.entrySet()) {
                answers.put(entry.getKey(), entry.getValue().get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
