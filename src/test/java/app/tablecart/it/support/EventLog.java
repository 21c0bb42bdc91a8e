package app.tablecart.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a live client received, in arrival order, with a read cursor: {@link #await} consumes up to the first match,
 * {@link #all} shows everything. Every wait is bounded and ends early when the connection has ended.
 */
public final class EventLog<T> {

    private final String owner;
    private final List<T> items = new ArrayList<>();
    private int cursor;
    private boolean ended;
    private String endReason;

    EventLog(String owner) {
        this.owner = owner;
    }

    synchronized void add(T item) {
        items.add(item);
        notifyAll();
    }

    synchronized void end(String reason) {
        if (!ended) {
            ended = true;
            endReason = reason;
            notifyAll();
        }
    }

    public synchronized boolean ended() {
        return ended;
    }

    public synchronized String endReason() {
        return endReason;
    }

    /** Waits for the next item after the cursor that matches; items before it are skipped. */
    public synchronized T await(String what, Predicate<T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (cursor < items.size()) {
                T item = items.get(cursor++);
                if (match.test(item)) {
                    return item;
                }
            }
            if (ended) {
                throw new AssertionError(
                        owner + ": ended (" + endReason + ") before " + what + "; received " + describe());
            }
            waitUntil(deadline, what);
        }
    }

    /** Waits until the received items, seen as a whole, satisfy {@code condition}. */
    public synchronized void awaitAll(String what, Predicate<List<T>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(List.copyOf(items))) {
            if (ended) {
                throw new AssertionError(
                        owner + ": ended (" + endReason + ") before " + what + "; received " + describe());
            }
            waitUntil(deadline, what);
        }
    }

    /** Waits until the connection has ended. */
    public synchronized void awaitEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            waitUntil(deadline, "the end of the connection");
        }
    }

    public synchronized List<T> all() {
        return List.copyOf(items);
    }

    public synchronized Optional<T> last(Predicate<T> match) {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (match.test(items.get(i))) {
                return Optional.of(items.get(i));
            }
        }
        return Optional.empty();
    }

    /** Moves the cursor past everything received so far. */
    public synchronized void skipAll() {
        cursor = items.size();
    }

    private void waitUntil(long deadline, String what) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(owner + ": no " + what + " in time; received " + describe());
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(owner + ": interrupted while waiting for " + what, e);
        }
    }

    private String describe() {
        int from = Math.max(0, items.size() - 12);
        StringBuilder text = new StringBuilder(items.size() + " item(s)");
        if (from > 0) {
            text.append(", the last 12");
        }
        text.append(": ");
        for (int i = from; i < items.size(); i++) {
            text.append("\n  [").append(i).append("] ").append(Api.abbreviate(String.valueOf(items.get(i))));
        }
        return text.toString();
    }
}
