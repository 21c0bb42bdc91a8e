package app.tablecart.realtime;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The live connections of one table and its single ordered send path. Publishing, joining and the heartbeat take
 * this channel's lock, which only ever queues (never writes to a socket), so a table's events reach each of its
 * connections in the order they were published, and a newer version is never followed by an older one.
 * <p>
 * SSE streams are the sinks of the table's broadcaster — one per view, since staff see diners' phone numbers whole.
 */
final class TableChannel {

    static final long RETIRED = Long.MIN_VALUE;
    private static final int DINERS = 0;
    private static final int STAFF = 1;

    // Copy-on-write: a send can close a subscriber, which leaves the channel while the lists are being walked.
    private final List<SocketSubscriber> sockets = new CopyOnWriteArrayList<>();
    private final List<SseSubscriber> streams = new CopyOnWriteArrayList<>();
    private final SseBroadcaster[] broadcasters = new SseBroadcaster[2];
    private Sse sse;
    private long lastVersion = TableEvent.UNVERSIONED;
    private boolean retired;

    /**
     * Adds a connection and queues its greeting before any later event of the table.
     *
     * @return the newest version published so far, or {@link #RETIRED} if the channel was retired (join another)
     */
    synchronized long join(Subscriber subscriber, List<TableEvent> greeting, Sse streamSse) {
        if (retired) {
            return RETIRED;
        }
        if (subscriber instanceof SseSubscriber stream) {
            int view = stream.viewer().staff() ? STAFF : DINERS;
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
        return lastVersion;
    }

    synchronized void leave(Subscriber subscriber) {
        if (subscriber instanceof SseSubscriber stream) {
            streams.remove(stream);
        } else {
            sockets.remove(subscriber);
        }
    }

    /** Sends an event to every connection of the table, made into wire form once per transport and view. */
    synchronized void publish(TableEvent event) {
        if (event.isVersioned()) {
            if (event.version() <= lastVersion) {
                return; // a newer state of this table went out already
            }
            lastVersion = event.version();
        }
        broadcast(event);
        for (SocketSubscriber socket : sockets) {
            socket.offer(event);
        }
    }

    /**
     * Ends streams past their age, says goodbye to connections whose token expired, and writes a heartbeat to every
     * connection, which is also how a silently dead SSE client is found: only a write fails on it. The broadcasters
     * drop closed sinks as they deliver.
     *
     * @return false once the channel has no connection left and was retired
     */
    synchronized boolean heartbeat(Instant now, TableEvent heartbeat) {
        for (SseSubscriber stream : streams) {
            stream.expireIfDue(now);
        }
        subscribers().filter(s -> !now.isBefore(s.viewer().expiresAt()))
                .forEach(s -> s.finish(Subscriber.Farewell.TOKEN_EXPIRED));
        broadcast(heartbeat);
        for (SocketSubscriber socket : sockets) {
            socket.offer(heartbeat);
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

    /** A new party sits at the table: diners of earlier sessions are told and let go; staff stay. */
    synchronized void endSession(long currentSession) {
        subscribers().filter(s -> !s.viewer().staff() && s.viewer().tableSession() < currentSession)
                .forEach(s -> s.finish(Subscriber.Farewell.SESSION_CLOSED));
    }

    synchronized void closeAll() {
        subscribers().forEach(s -> s.close(Subscriber.CloseCause.SHUTDOWN));
    }

    private void broadcast(TableEvent event) {
        for (int view = DINERS; view <= STAFF; view++) {
            if (broadcasters[view] != null) {
                broadcasters[view].broadcast(event.sseEvent(sse, view == STAFF));
            }
        }
    }

    private Stream<Subscriber> subscribers() {
        return Stream.concat(streams.stream(), sockets.stream());
    }
}
