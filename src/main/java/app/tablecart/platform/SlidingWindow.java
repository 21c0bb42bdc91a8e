package app.tablecart.platform;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per key within a sliding window: the one rate rule behind wrong join codes per
 * address, wrong passwords per account and per address, and messages per person. It says how long a refused key must
 * wait, for the client's {@code Retry-After}. Keys without a recent event are forgotten once many are tracked.
 *
 * @param <K> what is counted: an address, a username, a user id
 */
public final class SlidingWindow<K> {

    /** Above this many keys tracked, keys without an event in the window are forgotten. */
    private static final int PRUNE_AT = 100_000;

    private final ConcurrentHashMap<K, Deque<Long>> events = new ConcurrentHashMap<>();
    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;

    public SlidingWindow(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    SlidingWindow(int limit, Duration window, LongSupplier nanoClock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a limit of at least 1 within a positive window, not " + limit
                    + " within " + window);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    public int limit() {
        return limit;
    }

    /** How long {@code key} must wait before its next event is allowed; zero when it is allowed now. */
    public Duration wait(K key) {
        Deque<Long> recent = events.get(key);
        if (recent == null) {
            return Duration.ZERO;
        }
        synchronized (recent) {
            return waitLocked(recent, clock.getAsLong());
        }
    }

    /** Counts an event of {@code key}, allowed or not (a wrong guess counts even when it was refused). */
    public void record(K key) {
        long now = clock.getAsLong();
        Deque<Long> recent = recent(key, now);
        synchronized (recent) {
            forgetOld(recent, now);
            recent.addLast(now);
            if (recent.size() > limit) {
                recent.removeFirst(); // only the last `limit` events decide how long the key waits
            }
        }
    }

    /** Counts the event if {@code key} is within its limit and answers zero; otherwise how long it must wait. */
    public Duration take(K key) {
        long now = clock.getAsLong();
        Deque<Long> recent = recent(key, now);
        synchronized (recent) {
            Duration wait = waitLocked(recent, now);
            if (wait.isZero()) {
                recent.addLast(now);
            }
            return wait;
        }
    }

    /** Forgets {@code key}'s events (e.g. the right password after wrong ones). */
    public void forget(K key) {
        events.remove(key);
    }

    private Duration waitLocked(Deque<Long> recent, long now) {
        forgetOld(recent, now);
        if (recent.size() < limit) {
            return Duration.ZERO;
        }
        // The oldest of the last `limit` events must leave the window first.
        return Duration.ofNanos(Math.max(1, recent.peekFirst() + windowNanos - now));
    }

    private Deque<Long> recent(K key, long now) {
        if (events.size() > PRUNE_AT) {
            events.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    forgetOld(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
        return events.computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    private void forgetOld(Deque<Long> recent, long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
            recent.removeFirst();
        }
    }
}
