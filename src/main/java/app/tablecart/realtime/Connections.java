package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Open live connections: per kind, published as the gauge {@code tablecart.connections{kind=sse|websocket}}, and per
 * user, capped at {@code tablecart.realtime.max-connections-per-user} (SSE and WebSocket together).
 */
@ApplicationScoped
public class Connections {

    public enum Kind {
        SSE,
        WEBSOCKET
    }

    private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);
    private final ConcurrentHashMap<Long, Integer> perUser = new ConcurrentHashMap<>();

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
            metrics.gauge("tablecart.connections", count, AtomicInteger::get,
                    new Tag("kind", kind.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** Registers the gauges when the application starts, so they read 0 before the first connection. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating this bean registers them
    }

    /** Counts a new connection of the user, or refuses it (429) when the user has as many open as allowed. */
    void open(Kind kind, long userId) {
        int before = perUser.getOrDefault(userId, 0);
        // Counts only if nobody changed the user's count meanwhile; retried otherwise.
        while (before < maxPerUser && !(before == 0 ? perUser.putIfAbsent(userId, 1) == null
                : perUser.replace(userId, before, before + 1))) {
            before = perUser.getOrDefault(userId, 0);
        }
        if (before >= maxPerUser) {
            throw new ApiException(Problem.TOO_MANY_REQUESTS, "too_many_connections",
                    "this user has " + maxPerUser + " connections open already");
        }
        open.get(kind).incrementAndGet();
    }

    void closed(Kind kind, long userId) {
        open.get(kind).decrementAndGet();
        perUser.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
    }

    public int open(Kind kind) {
        return open.get(kind).get();
    }
}
