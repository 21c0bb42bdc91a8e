package app.tablecart.realtime;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The live connections of one table (or one store's order board) and its single ordered send path. Publishing,
 * joining, leaving and the heartbeat take this channel's lock, which only ever queues (never writes to a socket), so
 * the channel's events reach each of its connections in the order they were published, and a newer version is never
 * followed by an older one.
 * <p>
 * SSE streams are the sinks of the channel's broadcaster — one per view, since staff see diners' phone numbers whole.
 * A table's channel also knows who is at the table ({@link Presence}) and tells the table and the store's board when
 * that changes; a joiner is told at once.
 */
final class Channel {

    /** For {@link #join}: join whatever was published meanwhile. */
    static final long ANY = -1;
    static final long PRESENCE_DELAY_MILLIS = 100;
    private static final long MAX_PRESENCE_DELAY_MILLIS = 1000;
    private static final int DINERS = 0;
    private static final int STAFF = 1;

    private final ChannelKey key;
    private final BiConsumer<Channel, LiveEvent> presenceChanged;
    // Copy-on-write: a send can close a subscriber, which leaves the channel while the lists are being walked.
    private final List<SocketSubscriber> sockets = new CopyOnWriteArrayList<>();
    private final List<SseSubscriber> streams = new CopyOnWriteArrayList<>();
    private final SseBroadcaster[] broadcasters = new SseBroadcaster[2];
    /** Diners at the table by user id: nickname and how many connections they have open. */
    private final Map<Long, Seat> seats = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private volatile Presence presence;
    private LiveEvent presenceEvent;
    private boolean presenceDue;
    private volatile long storeId = -1;
    private Sse sse;
    private long lastVersion = LiveEvent.UNVERSIONED;
    private long published;
    private boolean retired;

    private static final class Seat {
        final String nickname;
        int connections;

        Seat(String nickname) {
            this.nickname = nickname;
        }
    }

    /**
     * @param presenceChanged told (with the lock held) when the diners at a table changed
     * @param scheduler where presence changes are sent from, a moment after they happen
     */
    Channel(ChannelKey key, BiConsumer<Channel, LiveEvent> presenceChanged, ScheduledExecutorService scheduler) {
        this.key = key;
        this.presenceChanged = presenceChanged;
        this.scheduler = scheduler;
        this.presence = Presence.of(key.id(), List.of());
        this.presenceEvent = presence.event();
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
     *
     * @return {@link JoinResult#JOINED}, {@link JoinResult#STALE} (nothing done), or {@link JoinResult#RETIRED}
     *     (the channel was retired: join another)
     */
    synchronized JoinResult join(Subscriber subscriber, List<LiveEvent> greeting, Sse streamSse,
            long publishedBefore) {
        if (retired) {
            return JoinResult.RETIRED;
        }
        if (publishedBefore != ANY && publishedBefore != published) {
            return JoinResult.STALE;
        }
        Viewer viewer = subscriber.viewer();
        storeId = viewer.storeId();
        if (subscriber instanceof SseSubscriber stream) {
            int view = viewer.staff() ? STAFF : DINERS;
            if (broadcasters[view] == null) {
                sse = streamSse;
                broadcasters[view] = sse.newBroadcaster();
            }
            streams.add(stream);
            broadcasters[view].register(stream);
        } else {
            sockets.add((SocketSubscriber) subscriber);
        }
        greeting.forEach(subscriber::offer);
        if (key.isTable()) {
            if (!viewer.staff() && seats.computeIfAbsent(viewer.userId(), id -> new Seat(viewer.nickname()))
                    .connections++ == 0) {
                seatsChanged();
            }
            subscriber.offer(presenceEvent);
        }
        return JoinResult.JOINED;
    }

    enum JoinResult {
        JOINED,
        STALE,
        RETIRED
    }

    synchronized void leave(Subscriber subscriber) {
        boolean removed = subscriber instanceof SseSubscriber stream ? streams.remove(stream)
                : sockets.remove(subscriber);
        Viewer viewer = subscriber.viewer();
        if (removed && key.isTable() && !viewer.staff()) {
            Seat seat = seats.get(viewer.userId());
            if (seat != null && --seat.connections == 0) {
                seats.remove(viewer.userId());
                seatsChanged();
            }
        }
    }

    /** Sends an event to every connection, made into wire form once per transport and view. */
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
        return presence;
    }

    /** The store of the table or board; -1 until the first connection of a table. */
    long storeId() {
        return storeId;
    }

    /**
     * Ends streams past their age, says goodbye to connections whose token expired, and writes a heartbeat to every
     * connection, which is also how a dead SSE client is found: only a write fails on it. The broadcasters drop
     * closed sinks as they deliver.
     *
     * @return false once the channel has no connection left and was retired
     */
    synchronized boolean heartbeat(Instant now, long nanos, LiveEvent heartbeat) {
        for (SseSubscriber stream : streams) {
            stream.expireIfDue(now);
        }
        subscribers().filter(s -> !now.isBefore(s.viewer().expiresAt()))
                .forEach(s -> s.finish(Subscriber.Farewell.TOKEN_EXPIRED));
        send(heartbeat);
        for (SocketSubscriber socket : sockets) {
            socket.ping(nanos);
        }
        if (streams.isEmpty() && sockets.isEmpty()) {
            retired = true;
            for (SseBroadcaster broadcaster : broadcasters) {
                if (broadcaster != null) {
                    broadcaster.close();
                }
            }
        }
        return !retired;
    }

    /** The heartbeat's follow-up for SSE: a stream whose client closed or reset it fails on this write. */
    synchronized void probeStreams() {
        streams.forEach(Subscriber::probe);
    }

    /** The pong timeout after the heartbeat: a WebSocket that has not answered its ping is closed. */
    synchronized void probeSockets() {
        sockets.forEach(Subscriber::probe);
    }

    /** A new party sits at the table: diners of earlier sessions are told and let go; staff stay. */
    synchronized void endSession(long currentSession) {
        subscribers().filter(s -> !s.viewer().staff() && s.viewer().tableSession() < currentSession)
                .forEach(s -> s.finish(Subscriber.Farewell.SESSION_CLOSED));
    }

    synchronized void closeAll() {
        subscribers().forEach(s -> s.close(Subscriber.CloseCause.SHUTDOWN));
    }

    /**
     * Called with the lock held. The new list is sent a moment later ({@link #PRESENCE_DELAY_MILLIS}, plus a
     * millisecond per connection of the table), to the table and then (through the registry) to the board:
     * arrivals and departures in between go out as one event, so that a crowd connecting at once does not cost one
     * event per pair of connections.
     */
    private void seatsChanged() {
        presence = Presence.of(key.id(), seats.entrySet().stream()
                .map(seat -> new Presence.Present(seat.getKey(), seat.getValue().nickname)).toList());
        presenceEvent = presence.event();
        if (!presenceDue) {
            long delay = Math.min(MAX_PRESENCE_DELAY_MILLIS, PRESENCE_DELAY_MILLIS + streams.size() + sockets.size());
            try {
                scheduler.schedule(this::sendPresence, delay, TimeUnit.MILLISECONDS);
                presenceDue = true;
            } catch (RejectedExecutionException shuttingDown) {
                // the service stops: nobody is left to tell
            }
        }
    }

    private synchronized void sendPresence() {
        presenceDue = false;
        send(presenceEvent);
        presenceChanged.accept(this, presenceEvent);
    }

    private void send(LiveEvent event) {
        for (int view = DINERS; view <= STAFF; view++) {
            if (broadcasters[view] != null) {
                broadcasters[view].broadcast(event.sseEvent(sse, view == STAFF));
            }
        }
        for (SocketSubscriber socket : sockets) {
            socket.offer(event);
        }
    }

    private Stream<Subscriber> subscribers() {
        return Stream.concat(streams.stream(), sockets.stream());
    }
}
