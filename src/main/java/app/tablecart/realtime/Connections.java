package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Open live connections: per kind, published as the gauge {@code tablecart.connections{kind=sse|websocket}}, and per
 * user, capped at {@code tablecart.realtime.max-connections-per-user} (SSE and WebSocket together). A user at the cap
 * has their streams probed first: a stream the browser closed is only noticed by writing to it, and its slot must
 * not keep the user out.
 */
@ApplicationScoped
public class Connections {

    /** How long a new connection at the cap waits for probed streams of its user to turn out closed. */
    private static final long PROBE_WAIT_MILLIS = 500;

    private static final long PROBE_GAP_MILLIS = 50;

    enum Kind {
        SSE,
        WEBSOCKET
    }

    private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);
    private final ConcurrentHashMap<Long, Set<Subscriber>> byUser = new ConcurrentHashMap<>();

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.max-connections-per-user")
    int maxPerUser;

    @PostConstruct
    void register() {
        for (Kind kind : Kind.values()) {
            AtomicInteger count = new AtomicInteger();
            open.put(kind, count);
            metrics.gauge(
                    "tablecart.connections",
                    count,
                    AtomicInteger::get,
                    new Tag("kind", kind.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Registers the gauges when the application starts, so they read 0 before the first connection. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating this bean registers them
    }

    /**
     * Counts a new connection of its user, or refuses it (429) when the user has as many open as allowed, even after
     * their streams were probed.
     */
    void open(Subscriber connection) {
        if (!tryOpen(connection)) {
            probe(connection.viewer().userId());
            if (!tryOpen(connection)) {
                throw new ApiException(
                        Problem.TOO_MANY_REQUESTS,
                        "too_many_connections",
                        "this user has " + maxPerUser + " connections open already");
            }
        }
        open.get(kindOf(connection)).incrementAndGet();
    }

    void closed(Subscriber connection) {
        boolean[] removed = {false};
        byUser.computeIfPresent(connection.viewer().userId(), (user, connections) -> {
            removed[0] = connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        if (removed[0]) {
            open.get(kindOf(connection)).decrementAndGet();
        }
    }

    private boolean tryOpen(Subscriber connection) {
        boolean[] added = {false};
        byUser.compute(connection.viewer().userId(), (user, connections) -> {
            Set<Subscriber> set = connections == null ? ConcurrentHashMap.newKeySet() : connections;
            if (set.size() < maxPerUser) {
                added[0] = set.add(connection);
            }
            return set.isEmpty() ? null : set;
        });
        return added[0];
    }

    /**
     * Writes to the user's streams every {@link #PROBE_GAP_MILLIS} until one of their slots comes free, for at most
     * {@link #PROBE_WAIT_MILLIS}: the first write to a stream its client closed draws a reset, the next one fails and
     * closes it (a client that closed a moment ago may not have sent its FIN yet).
     */
    private void probe(long userId) {
        long deadline = System.nanoTime() + PROBE_WAIT_MILLIS * 1_000_000;
        try {
            while (byUser.getOrDefault(userId, Set.of()).size() >= maxPerUser && System.nanoTime() < deadline) {
                List.copyOf(byUser.getOrDefault(userId, Set.of())).forEach(Subscriber::probe);
                Thread.sleep(PROBE_GAP_MILLIS);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private static Kind kindOf(Subscriber connection) {
        return connection instanceof SseSubscriber ? Kind.SSE : Kind.WEBSOCKET;
    }
}
