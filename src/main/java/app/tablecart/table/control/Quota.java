package app.tablecart.table.control;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code limit} uses per user within a sliding window. */
final class Quota {

    /** Above this many users tracked, users without a recent use are forgotten. */
    private static final int PRUNE_AT = 100_000;

    private final ConcurrentHashMap<Long, Deque<Long>> uses = new ConcurrentHashMap<>();
    private final int limit;
    private final long windowNanos;

    Quota(int limit, Duration window) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
    }

    /** Counts a use, or refuses it (false) when the user has used up the window. */
    boolean take(long userId) {
        long now = System.nanoTime();
        if (uses.size() > PRUNE_AT) {
            uses.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    forgetOld(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
        Deque<Long> recent = uses.computeIfAbsent(userId, id -> new ArrayDeque<>());
        synchronized (recent) {
            forgetOld(recent, now);
            if (recent.size() >= limit) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    private void forgetOld(Deque<Long> recent, long now) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= windowNanos) {
            recent.removeFirst();
        }
    }
}
