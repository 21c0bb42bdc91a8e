package app.tablecart.realtime;

import app.tablecart.platform.SlidingWindow;
import java.time.Duration;

/**
 * A connection's message budget, by the service's one rate rule ({@link SlidingWindow.Counter}): at most
 * {@code perSecond} messages in any second. A message over budget is refused; more than {@code floodLimit} refusals
 * within {@link #FLOOD_WINDOW} mean the client is flooding and is to be closed (counting refusals in a row would miss
 * a flood that the slow handling of each message lets trickle through).
 */
final class MessageRate {

    enum Verdict {
        ALLOWED,
        REFUSED,
        FLOOD
    }

    static final Duration FLOOD_WINDOW = Duration.ofSeconds(5);

    private final int perSecond;
    private final int floodLimit;
    private final SlidingWindow.Counter messages;
    private SlidingWindow.Counter refusals; // made at the first refusal: most clients never get one

    MessageRate(int perSecond, int floodLimit) {
        this.perSecond = perSecond;
        this.floodLimit = floodLimit;
        this.messages = new SlidingWindow.Counter(perSecond, Duration.ofSeconds(1));
    }

    int perSecond() {
        return perSecond;
    }

    synchronized Verdict take() {
        long now = System.nanoTime();
        if (messages.take(now).isZero()) {
            return Verdict.ALLOWED;
        }
        if (refusals == null) {
            refusals = new SlidingWindow.Counter(floodLimit, FLOOD_WINDOW);
        }
        return refusals.take(now).isZero() ? Verdict.REFUSED : Verdict.FLOOD;
    }
}
