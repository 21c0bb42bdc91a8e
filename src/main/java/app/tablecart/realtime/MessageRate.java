package app.tablecart.realtime;

/**
 * A connection's message budget: {@code perSecond} messages a second, bursts up to the same number. A message over
 * budget is refused; more than {@code floodLimit} refusals within {@link #FLOOD_WINDOW_NANOS} mean the client is
 * flooding and is to be closed (counting refusals in a row would miss a flood that the slow handling of each
 * message lets trickle through).
 */
public final class MessageRate {

    public enum Verdict {
        ALLOWED,
        REFUSED,
        FLOOD
    }

    private final int perSecond;
    private final int floodLimit;
    static final long FLOOD_WINDOW_NANOS = 5_000_000_000L;

    private final java.util.ArrayDeque<Long> refusals = new java.util.ArrayDeque<>();
    private double tokens;
    private long lastNanos = System.nanoTime();

    public MessageRate(int perSecond, int floodLimit) {
        this.perSecond = perSecond;
        this.floodLimit = floodLimit;
        this.tokens = perSecond;
    }

    public int perSecond() {
        return perSecond;
    }

    public synchronized Verdict take() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ALLOWED;
        }
        while (!refusals.isEmpty() && now - refusals.peekFirst() > FLOOD_WINDOW_NANOS) {
            refusals.removeFirst();
        }
        refusals.addLast(now);
        return refusals.size() > floodLimit ? Verdict.FLOOD : Verdict.REFUSED;
    }
}
