package app.tablecart.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Open live connections per kind, published as the gauge {@code tablecart.connections{kind=sse|websocket}}. */
@ApplicationScoped
public class Connections {

    public enum Kind {
        SSE,
        WEBSOCKET
    }

    private final Map<Kind, AtomicInteger> open = new EnumMap<>(Kind.class);

    @Inject
    MetricRegistry metrics;

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

    void opened(Kind kind) {
        open.get(kind).incrementAndGet();
    }

    void closed(Kind kind) {
        open.get(kind).decrementAndGet();
    }

    public int open(Kind kind) {
        return open.get(kind).get();
    }
}
