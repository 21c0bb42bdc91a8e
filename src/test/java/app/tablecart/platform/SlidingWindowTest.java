package app.tablecart.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The one rate rule: at most so many events per key within a sliding window, and how long a refused key waits. */
class SlidingWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SlidingWindow<String> window = new SlidingWindow<>(3, Duration.ofSeconds(10), now::get);

    @Test
    void takesUpToTheLimitThenSaysHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, window.take("alice"));
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        assertEquals(Duration.ofSeconds(7), window.take("alice"), "the first of the three leaves the window at 10 s");
        assertEquals(Duration.ZERO, window.take("bob"), "keys are counted apart");
        now.addAndGet(Duration.ofSeconds(7).toNanos());
        assertEquals(Duration.ZERO, window.take("alice"), "one event left the window: one more is allowed");
        assertEquals(Duration.ofSeconds(1), window.delay("alice"));
    }

    @Test
    void recordedEventsCountEvenPastTheLimitAndWaitFollowsTheLatest() {
        for (int i = 0; i < 5; i++) {
            window.record("10.0.0.1");
            now.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        // Events at 0..4 s, now 5 s: the latest three (2, 3, 4 s) keep the key at its limit until 12 s.
        assertEquals(Duration.ofSeconds(7), window.delay("10.0.0.1"));
        window.forget("10.0.0.1");
        assertEquals(Duration.ZERO, window.delay("10.0.0.1"));
    }

    @Test
    void refusedTakesDoNotCount() {
        for (int i = 0; i < 3; i++) {
            window.take("carol");
        }
        for (int i = 0; i < 100; i++) {
            assertTrue(window.take("carol").toNanos() > 0);
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Duration.ZERO, window.take("carol"), "refusals kept nothing in the window");
    }

    @Test
    void aWindowNeedsALimitAndALength() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow<String>(0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow<String>(1, Duration.ZERO));
    }
}
