package app.tablecart.realtime;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live connections of one table and its single ordered send path. Publishing, joining and the heartbeat take
 * this channel's lock, which only ever queues (never writes to a socket), so a table's events reach each of its
 * connections in the order they were published, and a newer version is never followed by an older one.
 */
final class TableChannel {

    static final long RETIRED = Long.MIN_VALUE;

    // Copy-on-write: a send can close a subscriber, which leaves the channel while the lists are being walked.
    private final List<SocketSubscriber> sockets = new CopyOnWriteArrayList<>();
    private final List<SseSubscriber> streams = new CopyOnWriteArrayList<>();
    private SseBroadcaster broadcaster;
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
            if (broadcaster == null) {
                sse = streamSse;
                broadcaster = sse.newBroadcaster();
            }
            streams.add(stream);
            broadcaster.register(stream);
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

    /** Sends an event to every connection of the table, made into wire form once per transport. */
    synchronized void publish(TableEvent event) {
        if (event.isVersioned()) {
            if (event.version() <= lastVersion) {
                return; // a newer state of this table went out already
            }
            lastVersion = event.version();
        }
        if (!streams.isEmpty()) {
            broadcaster.broadcast(event.sseEvent(sse));
        }
        for (SocketSubscriber socket : sockets) {
            socket.offer(event);
        }
    }

    /**
     * Ends streams past their age and writes a heartbeat to every connection, which is also how a silently dead
     * SSE client is found: only a write fails on it. The broadcaster drops closed sinks as it delivers.
     *
     * @return false once the channel has no connection left and was retired
     */
    synchronized boolean heartbeat(Instant now, TableEvent heartbeat) {
        for (SseSubscriber stream : streams) {
            stream.expireIfDue(now);
        }
        if (broadcaster != null) {
            broadcaster.broadcast(heartbeat.sseEvent(sse));
        }
        for (SocketSubscriber socket : sockets) {
            socket.offer(heartbeat);
        }
        if (streams.isEmpty() && sockets.isEmpty()) {
            retired = true;
            if (broadcaster != null) {
                broadcaster.close();
            }
        }
        return !retired;
    }

    synchronized void closeAll() {
        streams.forEach(s -> s.close(Subscriber.CloseCause.SHUTDOWN));
        sockets.forEach(s -> s.close(Subscriber.CloseCause.SHUTDOWN));
    }
}
