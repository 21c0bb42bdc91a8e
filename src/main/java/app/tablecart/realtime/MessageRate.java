package app.tablecart.realtime;

/**
 * A connection's message budget: {@code perSecond} messages a second, bursts up to the same number. A message over
 * budget is refused; {@code floodLimit} refusals in a row mean the client is flooding and is to be closed.
 */
public final class MessageRate {

    public enum Verdict {
        ALLOWED,
        REFUSED,
        FLOOD
    }

    private final int perSecond;
    private final int floodLimit;
    private double tokens;
    private long lastNanos = System.nanoTime();
    private int refusedInARow;

    public MessageRate(int perSecond, int floodLimit) {
        this.perSecond = perSecond;
        this.floodLimit = floodLimit;
        this.tokens = perSecond;
    }

    public synchronized Verdict take() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
        lastNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            refusedInARow = 0;
            return Verdict.ALLOWED;
        }
        return ++refusedInARow > floodLimit ? Verdict.FLOOD : Verdict.REFUSED;
    }
}
