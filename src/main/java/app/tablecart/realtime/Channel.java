package app.tablecart.realtime;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The live connections of one table (or one store's order board) and its single ordered send path. Publishing,
 * joining, leaving and the heartbeat take this channel's lock, which only ever queues (never writes to a socket), so
 * the channel's events reach each of its connections in the order they were published, and a newer version is never
 * followed by an older one.
 * <p>
 * Every connection is offered each event the same way ({@link Subscriber#offer}): WebSockets directly, SSE streams
 * through the channel's {@link SseBroadcaster}, whose sinks they are. A table's channel also seats its diners
 * ({@link Seats}) and tells the table, and through {@code toBoard} the store's board, who is there.
 */
final class Channel {

    /** For {@link #join}: join whatever was published meanwhile. */
    static final long ANY = -1;

    private final ChannelKey key;
    // Copy-on-write: a send can close a subscriber, which leaves the channel while the list is being walked.
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final Seats seats; // null for a board
    private final Consumer<LiveEvent> toBoard;
    private SseBroadcaster broadcaster; // made with the first stream
    private volatile long storeId = -1;
    private long lastVersion = LiveEvent.UNVERSIONED;
    private long published;
    private boolean retired;

    /**
     * @param scheduler where a table's presence changes are told from, a moment after they happen
     * @param toBoard what a table's presence changes are also handed to (its store's board)
     */
    Channel(ChannelKey key, ScheduledExecutorService scheduler, Consumer<LiveEvent> toBoard) {
        this.key = key;
        this.toBoard = toBoard;
        this.seats = key.isTable() ? new Seats(key.id(), scheduler, this::tellPresence) : null;
        if (!key.isTable()) {
            storeId = key.id();
        }
    }

    /** How many events were published here so far: a joiner reads it before it reads the state it will greet with. */
    synchronized long published() {
        return published;
    }

    /**
     * Adds a connection and queues its greeting before any later event of the channel, unless an event was
     * published since {@code publishedBefore} (the greeting may miss it: read it again). At a table, the joiner then
     * learns who is there, and everyone learns of a newly arrived diner.
     */
    synchronized JoinResult join(Subscriber subscriber, List<LiveEvent> greeting, Sse sse, long publishedBefore) {
        if (retired) {
            return JoinResult.RETIRED;
        }
        if (publishedBefore != ANY && publishedBefore != published) {
            return JoinResult.STALE;
        }
        storeId = subscriber.viewer().storeId();
        subscribers.add(subscriber);
        if (subscriber instanceof SseSubscriber stream) {
            if (broadcaster == null) {
                broadcaster = sse.newBroadcaster();
            }
            broadcaster.register(stream);
        }
        greeting.forEach(subscriber::offer);
        if (seats != null) {
            seats.arrived(subscriber.viewer(), subscribers.size());
            subscriber.offer(seats.event());
        }
        return JoinResult.JOINED;
    }

    enum JoinResult {
        JOINED,
        STALE,
        /** The channel was retired: join another. */
        RETIRED
    }

    synchronized void leave(Subscriber subscriber) {
        if (subscribers.remove(subscriber) && seats != null) {
            seats.left(subscriber.viewer(), subscribers.size());
        }
    }

    /** Sends an event to every connection; a versioned one only if it is newer than the last sent. */
    synchronized void publish(LiveEvent event) {
        published++;
        if (event.isVersioned()) {
            if (event.version() <= lastVersion) {
                return; // a newer state went out already
            }
            lastVersion = event.version();
        }
        send(event);
    }

    /** Who is at the table now; read without the lock (a board's greeting reads every table of its store). */
    Presence presence() {
        return seats == null ? Presence.of(key.id(), List.of()) : seats.presence();
    }

    /** The store of the table or board; -1 until the first connection of a table. */
    long storeId() {
        return storeId;
    }

    /**
     * Ends streams past their age, says goodbye to connections whose token expired, writes a heartbeat to every
     * connection and pings the WebSockets (see {@link LiveChannels#heartbeat}).
     *
     * @return false once the channel has no connection left and was retired
     */
    synchronized boolean heartbeat(Instant now, long nanos, LiveEvent heartbeat) {
        for (Subscriber subscriber : subscribers) {
            subscriber.expireIfDue(now);
        }
        finishWhere(viewer -> !now.isBefore(viewer.expiresAt()), Farewell.TOKEN_EXPIRED);
        send(heartbeat);
        for (Subscriber subscriber : subscribers) {
            if (subscriber instanceof SocketSubscriber socket) {
                socket.ping(nanos);
            }
        }
        if (subscribers.isEmpty()) {
            retired = true;
            if (broadcaster != null) {
                broadcaster.close();
            }
        }
        return !retired;
    }

    /** The heartbeat's follow-up for SSE: a stream whose client closed or reset it fails on this write. */
    synchronized void probeStreams() {
        subscribers.stream().filter(SseSubscriber.class::isInstance).forEach(Subscriber::probe);
    }

    /** The pong timeout after the heartbeat: a WebSocket that has not answered its ping is closed. */
    synchronized void probeSockets() {
        subscribers.stream().filter(SocketSubscriber.class::isInstance).forEach(Subscriber::probe);
    }

    /** Tells the connections whose viewer matches why they must go, then closes them. */
    synchronized void finishWhere(Predicate<Viewer> mustGo, Farewell farewell) {
        subscribers.stream().filter(s -> mustGo.test(s.viewer())).forEach(s -> s.finish(farewell));
    }

    synchronized void closeAll() {
        subscribers.forEach(s -> s.close(Subscriber.CloseCause.SHUTDOWN));
    }

    private synchronized void tellPresence() {
        LiveEvent presence = seats.told();
        send(presence);
        toBoard.accept(presence);
    }

    private void send(LiveEvent event) {
        if (broadcaster != null) {
            broadcaster.broadcast(event.broadcast());
        }
        for (Subscriber subscriber : subscribers) {
            if (!(subscriber instanceof SseSubscriber)) {
                subscriber.offer(event);
            }
        }
    }
}
