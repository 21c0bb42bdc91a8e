package app.tablecart.platform;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per key within a sliding window: the one rate rule behind wrong join codes per
 * address, wrong passwords per account and per address, messages per person, and (one {@link Counter} each) the
 * messages of one WebSocket. It says how long a refused key must wait, for the client's {@code Retry-After}. Keys
 * without a recent event are forgotten once many are tracked.
 *
 * @param <K> what is counted: an address, a username, a user id
 */
public final class SlidingWindow<K> {

    /** Above this many keys tracked, keys without an event in the window are forgotten. */
    private static final int PRUNE_AT = 100_000;

    private final ConcurrentHashMap<K, Counter> counters = new ConcurrentHashMap<>();
    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;

    public SlidingWindow(int limit, Duration window) {
        this(limit, window, System::nanoTime);
    }

    SlidingWindow(int limit, Duration window, LongSupplier nanoClock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(
                    "a limit of at least 1 within a positive window, not " + limit + " within " + window);
        }
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    public int limit() {
        return limit;
    }

    /** How long {@code key} must wait before its next event is allowed; zero when it is allowed now. */
    public Duration delay(K key) {
        Counter counter = counters.get(key);
        return counter == null ? Duration.ZERO : counter.delay(clock.getAsLong());
    }

    /** Counts an event of {@code key}, allowed or not (a wrong guess counts even when it was refused). */
    public void record(K key) {
        long now = clock.getAsLong();
        counter(key, now).record(now);
    }

    /** Counts the event if {@code key} is within its limit and answers zero; otherwise how long it must wait. */
    public Duration take(K key) {
        long now = clock.getAsLong();
        return counter(key, now).take(now);
    }

    /** Forgets {@code key}'s events (e.g. the right password after wrong ones). */
    public void forget(K key) {
        counters.remove(key);
    }

    private Counter counter(K key, long now) {
        if (counters.size() > PRUNE_AT) {
            counters.values().removeIf(counter -> counter.delay(now).isZero() && counter.idleSince(now));
        }
        return counters.computeIfAbsent(key, k -> new Counter(limit, windowNanos));
    }

    /**
     * The window of one key: the times of its last {@code limit} events in a ring. The next event is allowed once
     * the oldest of them has left the window.
     */
    public static final class Counter {

        private final long[] times;
        private final long windowNanos;
        private int next; // where the next event's time goes: the oldest of the last `limit`
        private int count;

        public Counter(int limit, Duration window) {
            this(limit, window.toNanos());
        }

        Counter(int limit, long windowNanos) {
            this.times = new long[limit];
            this.windowNanos = windowNanos;
        }

        /** How long until the next event is allowed; zero when it is allowed now. */
        public synchronized Duration delay(long nowNanos) {
            if (count < times.length) {
                return Duration.ZERO;
            }
            long left = times[next] + windowNanos - nowNanos;
            return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
        }

        /** Counts an event, allowed or not. */
        public synchronized void record(long nowNanos) {
            times[next] = nowNanos;
            next = (next + 1) % times.length;
            count = Math.min(count + 1, times.length);
        }

        /** Counts the event if allowed and answers zero; otherwise how long to wait (the event is not counted). */
        public synchronized Duration take(long nowNanos) {
            Duration wait = delay(nowNanos);
            if (wait.isZero()) {
                record(nowNanos);
            }
            return wait;
        }

        synchronized boolean idleSince(long nowNanos) {
            int latest = Math.floorMod(next - 1, times.length);
            return count == 0 || nowNanos - times[latest] >= windowNanos;
        }
    }
}
