package app.tablecart.realtime;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every table's live channel, created when its first client connects and retired at the first heartbeat after its
 * last one leaves. Owns the sender pool (SSE writes, socket closes) and the heartbeat.
 */
@ApplicationScoped
public class TableChannels {

    private static final Logger LOG = Logger.getLogger(TableChannels.class.getName());

    private static final long REFUSAL_DELAY_MILLIS = 100;

    private final ConcurrentHashMap<Long, TableChannel> channels = new ConcurrentHashMap<>();

    @Inject
    Connections connections;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.heartbeat")
    Duration heartbeatInterval;

    @Inject
    @ConfigProperty(name = "tablecart.sse.timeout")
    Duration streamTimeout;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.max-pending")
    int maxPending;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.sender-threads")
    int senderThreads;

    private ExecutorService senders;
    private ScheduledExecutorService ticker;
    private volatile Instant lastHeartbeat = Instant.now();

    @PostConstruct
    void start() {
        senders = Executors.newFixedThreadPool(senderThreads, threads);
        ticker = Executors.newSingleThreadScheduledExecutor(threads);
        long period = heartbeatInterval.toMillis();
        ticker.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts the heartbeat with the application rather than with the first connection. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // injecting and touching this bean is enough
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        channels.values().forEach(TableChannel::closeAll);
        senders.shutdown();
    }

    /**
     * Opens an SSE stream: it receives {@code greeting} first, then every event of the table. If the table moved on
     * while the greeting was made, {@code current} is asked for a fresher state.
     */
    public void openStream(long tableId, Viewer viewer, SseEventSink sink, Sse sse, List<TableEvent> greeting,
            LongFunction<TableEvent> current) {
        connections.open(Connections.Kind.SSE, viewer.userId());
        SseSubscriber[] self = new SseSubscriber[1];
        self[0] = new SseSubscriber(viewer, sink, sse, senders, Instant.now().plus(streamTimeout), maxPending,
                () -> left(tableId, self[0], Connections.Kind.SSE));
        join(tableId, self[0], greeting, sse, current);
    }

    /** Opens a WebSocket's channel; returns the handle the endpoint sends its replies through. */
    public LiveSocket openSocket(long tableId, Viewer viewer, Session session, List<TableEvent> greeting,
            LongFunction<TableEvent> current) {
        connections.open(Connections.Kind.WEBSOCKET, viewer.userId());
        SocketSubscriber[] self = new SocketSubscriber[1];
        self[0] = new SocketSubscriber(viewer, session, senders, maxPending,
                () -> left(tableId, self[0], Connections.Kind.WEBSOCKET));
        join(tableId, self[0], greeting, null, current);
        return new LiveSocket(self[0]);
    }

    /** A table's party left: its diners' connections of earlier sessions are told and closed. */
    public void endSession(long tableId, long currentSession) {
        TableChannel channel = channels.get(tableId);
        if (channel != null) {
            channel.endSession(currentSession);
        }
    }

    /**
     * Turns away a socket from its {@code @OnOpen}: the error message and the close 1008 go out a moment later, from
     * another thread. Closing inside {@code @OnOpen}, while the container is still finishing the upgrade, sometimes
     * left the socket open and silent (Grizzly: "Response has not been set").
     */
    public void refuse(Session session, TableEvent error, String reason) {
        ticker.schedule(() -> LiveSocket.refuse(session, error, reason), REFUSAL_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Sends an event to every client of the table. */
    public void publish(long tableId, TableEvent event) {
        TableChannel channel = channels.get(tableId);
        if (channel != null) {
            channel.publish(event);
        }
    }

    /** Whether the heartbeat is running; what the liveness check reports. */
    public boolean beating() {
        return Duration.between(lastHeartbeat, Instant.now()).compareTo(heartbeatInterval.multipliedBy(3)) < 0;
    }

    private void join(long tableId, Subscriber subscriber, List<TableEvent> greeting, Sse sse,
            LongFunction<TableEvent> current) {
        long published;
        while (true) {
            TableChannel channel = channels.computeIfAbsent(tableId, id -> new TableChannel());
            published = channel.join(subscriber, greeting, sse);
            if (published != TableChannel.RETIRED) {
                break;
            }
            channels.remove(tableId, channel); // retired by the heartbeat just now: start a fresh one
        }
        long greeted = greeting.stream().mapToLong(TableEvent::version).max().orElse(TableEvent.UNVERSIONED);
        if (published > greeted) {
            // A change was published between reading the state and joining; the filter drops it if it arrived.
            subscriber.offer(current.apply(tableId));
        }
    }

    private void left(long tableId, Subscriber subscriber, Connections.Kind kind) {
        connections.closed(kind, subscriber.viewer().userId());
        TableChannel channel = channels.get(tableId);
        if (channel != null) {
            channel.leave(subscriber);
        }
    }

    private void heartbeat() {
        try {
            Instant now = Instant.now();
            TableEvent beat = TableEvent.notice("heartbeat", "ping", null);
            channels.forEach((tableId, channel) -> {
                if (!channel.heartbeat(now, beat)) {
                    channels.remove(tableId, channel);
                }
            });
            lastHeartbeat = now;
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "heartbeat failed; retrying at the next tick", unexpected);
        }
    }
}
