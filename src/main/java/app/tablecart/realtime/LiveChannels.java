package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Failures;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.Session;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every table's and every store board's live channel, created when its first client connects and retired at the
 * first heartbeat after its last one leaves. Owns the sender pool (SSE writes, socket closes) and the heartbeat.
 */
@ApplicationScoped
public class LiveChannels {

    private static final Logger LOG = Logger.getLogger(LiveChannels.class.getName());

    private static final long REFUSAL_DELAY_MILLIS = 100;
    /** Joins that find their greeting stale this often join anyway: versions keep a cart in order regardless. */
    private static final int MAX_JOIN_ATTEMPTS = 5;
    /**
     * The heartbeat's period is cut into this many ticks, each beating its share of the channels: a beat to every
     * connection at once (5,000 writes) would hold up the cart updates queued behind it, every period.
     */
    private static final int HEARTBEAT_TICKS = 30;

    private static final int STREAM_BUFFER_BYTES = 1024;

    private final ConcurrentHashMap<ChannelKey, Channel> channels = new ConcurrentHashMap<>();

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
    @ConfigProperty(name = "tablecart.realtime.pong-timeout")
    Duration pongTimeout;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.max-pending")
    int maxPending;

    @Inject
    @ConfigProperty(name = "tablecart.realtime.sender-threads")
    int senderThreads;

    @Inject
    @ConfigProperty(name = "tablecart.ws.rate-limit")
    int rateLimit;

    @Inject
    @ConfigProperty(name = "tablecart.ws.flood-limit")
    int floodLimit;

    private ExecutorService senders;
    private ScheduledExecutorService ticker;
    private SocketIdleTimer idleTimer;
    private volatile Instant lastHeartbeat = Instant.now();
    private long tick; // the ticker's thread only
    private int pongTicks;

    @PostConstruct
    void start() {
        senders = Executors.newFixedThreadPool(senderThreads, threads);
        ticker = Executors.newSingleThreadScheduledExecutor(threads);
        idleTimer = new SocketIdleTimer(threads);
        long period = Math.max(1, heartbeatInterval.toMillis() / HEARTBEAT_TICKS);
        pongTicks = (int) Math.max(1, Math.min(HEARTBEAT_TICKS - 1, (pongTimeout.toMillis() + period - 1) / period));
        ticker.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Starts the heartbeat with the application rather than with the first connection. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // injecting and touching this bean is enough
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
        idleTimer.stop();
        channels.values().forEach(Channel::closeAll);
        senders.shutdown();
    }

    /**
     * Opens an SSE stream on a channel: it receives {@code connected} and the {@code state} first, then every event
     * of the channel. {@code state} may be asked more than once, if the channel moves on while it is being read.
     */
    public void openStream(
            ChannelKey key,
            Viewer viewer,
            SseEventSink sink,
            Sse sse,
            HttpServletResponse response,
            Supplier<List<LiveEvent>> state) {
        // Proxies (nginx) must pass events on at once, and nobody may cache a live stream.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // Each event is written and flushed on its own: the container's default 8 KB buffer, allocated anew for
        // every event, would be mostly empty; data larger than this is written from its own bytes.
        response.setBufferSize(STREAM_BUFFER_BYTES);
        var stream = new SseSubscriber(viewer, sink, sse, senders, Instant.now().plus(streamTimeout), maxPending);
        connections.open(stream);
        stream.onClose(() -> left(key, stream));
        join(key, stream, state, sse);
    }

    /** Opens a WebSocket on a channel; returns the handle the endpoint sends its replies through. */
    public LiveSocket openSocket(ChannelKey key, Viewer viewer, Session session, Supplier<List<LiveEvent>> state) {
        idleTimer.adopt(session);
        var socket = new SocketSubscriber(viewer, session, senders, maxPending, pongTimeout);
        connections.open(socket);
        socket.onClose(() -> left(key, socket));
        join(key, socket, state, null);
        return new LiveSocket(socket, new MessageRate(rateLimit, floodLimit));
    }

    /**
     * Tells the connections of a channel whose viewer must go (a table's diners of a session that ended) why, then
     * closes them. Who must go is the caller's rule: the transport knows no sessions.
     */
    public void finish(ChannelKey key, Predicate<Viewer> mustGo, Farewell farewell) {
        Channel channel = channels.get(key);
        if (channel != null) {
            channel.finishWhere(mustGo, farewell);
        }
    }

    /**
     * Turns away a socket from its {@code @OnOpen}: the error message and the close 1008 go out a moment later, from
     * another thread. Closing inside {@code @OnOpen}, while the container is still finishing the upgrade, sometimes
     * left the socket open and silent (Grizzly: "Response has not been set").
     */
    public void refuse(Session session, RuntimeException refused) {
        ApiException refusal = Failures.describe(refused);
        ticker.schedule(
                () -> LiveSocket.refuse(session, LiveEvent.error(refusal), refusal.getMessage()),
                REFUSAL_DELAY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Sends an event to every client of a channel. */
    public void publish(ChannelKey key, LiveEvent event) {
        Channel channel = channels.get(key);
        if (channel != null) {
            channel.publish(event);
        }
    }

    /** Sends an event to every table of a store and to its board (e.g. a dish sold out). */
    public void publishToStore(long storeId, LiveEvent event) {
        channels.forEach((key, channel) -> {
            if (channel.storeId() == storeId) {
                channel.publish(event);
            }
        });
    }

    /** The store's tables that have diners connected, for its board's greeting. */
    public List<Presence> occupiedTables(long storeId) {
        return channels.entrySet().stream()
                .filter(entry -> entry.getKey().isTable() && entry.getValue().storeId() == storeId)
                .map(entry -> entry.getValue().presence())
                .filter(Presence::occupied)
                .sorted(Comparator.comparingLong(Presence::tableId))
                .toList();
    }

    /** Whether the heartbeat is running; what the liveness check reports. */
    public boolean beating() {
        return Duration.between(lastHeartbeat, Instant.now()).compareTo(heartbeatInterval.multipliedBy(3)) < 0;
    }

    private void join(ChannelKey key, Subscriber subscriber, Supplier<List<LiveEvent>> state, Sse sse) {
        try {
            for (int attempt = 1; ; attempt++) {
                Channel channel = channels.computeIfAbsent(key, this::newChannel);
                long before = attempt < MAX_JOIN_ATTEMPTS ? channel.published() : Channel.ANY;
                List<LiveEvent> greeting = new ArrayList<>(state.get());
                greeting.add(0, LiveEvent.notice("connected", "connected", null)); // stamped now
                Channel.JoinResult joined = channel.join(subscriber, greeting, sse, before);
                if (joined == Channel.JoinResult.JOINED) {
                    return;
                }
                if (joined == Channel.JoinResult.RETIRED) {
                    channels.remove(key, channel); // retired by the heartbeat just now: start a fresh one
                }
            }
        } catch (RuntimeException failed) {
            connections.closed(subscriber);
            throw failed;
        }
    }

    private Channel newChannel(ChannelKey key) {
        Channel[] made = new Channel[1];
        made[0] = new Channel(key, ticker, presence -> publish(ChannelKey.board(made[0].storeId()), presence));
        return made[0];
    }

    private void left(ChannelKey key, Subscriber subscriber) {
        connections.closed(subscriber);
        Channel channel = channels.get(key);
        if (channel != null) {
            channel.leave(subscriber);
        }
    }

    /**
     * One tick: the channels whose turn it is get their heartbeat, so each gets one per period, and two follow-ups:
     * at the next tick their SSE streams are written to again (the heartbeat's write to a client that closed or
     * reset its stream draws the reset, this one fails on it), and a pong timeout later their WebSockets that did
     * not answer the heartbeat's ping are closed. So a client gone without a word is found within about one period.
     */
    private void heartbeat() {
        try {
            Instant now = Instant.now();
            long nanos = System.nanoTime();
            int turn = (int) (tick++ % HEARTBEAT_TICKS);
            int streamsDue = Math.floorMod(turn - 1, HEARTBEAT_TICKS);
            int socketsDue = Math.floorMod(turn - pongTicks, HEARTBEAT_TICKS);
            LiveEvent beat = LiveEvent.notice("heartbeat", "ping", null);
            channels.forEach((key, channel) -> {
                int slot = Math.floorMod(key.hashCode(), HEARTBEAT_TICKS);
                if (slot == turn) {
                    if (!channel.heartbeat(now, nanos, beat)) {
                        channels.remove(key, channel);
                    }
                    return;
                }
                if (slot == streamsDue) {
                    channel.probeStreams();
                }
                if (slot == socketsDue) {
                    channel.probeSockets();
                }
            });
            lastHeartbeat = now;
        } catch (RuntimeException unexpected) {
            LOG.log(Level.WARNING, "heartbeat failed; retrying at the next tick", unexpected);
        }
    }
}
