package app.tablecart.auth.control;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down guessing of join codes: after {@code tablecart.auth.join-failures} wrong codes from one address within
 * {@code tablecart.auth.join-window}, that address is refused (429) until the window has passed.
 */
@ApplicationScoped
public class JoinAttempts {

    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Inject
    @ConfigProperty(name = "tablecart.auth.join-failures")
    int allowedFailures;

    @Inject
    @ConfigProperty(name = "tablecart.auth.join-window")
    Duration window;

    /** Refuses an address that has used up its wrong guesses. */
    public void requireAllowed(String address) {
        Deque<Instant> recent = failures.get(address);
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            forgetOld(recent);
            if (recent.size() >= allowedFailures) {
                throw new ApiException(Problem.TOO_MANY_REQUESTS,
                        "too many wrong table codes; try again in " + window.toSeconds() + " s");
            }
        }
    }

    public void failed(String address) {
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    forgetOld(e.getValue());
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (recent) {
            forgetOld(recent);
            recent.addLast(Instant.now());
        }
    }

    private void forgetOld(Deque<Instant> recent) {
        Instant cutoff = Instant.now().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }
}
