package app.tablecart.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A WebSocket session. Sends are asynchronous with one message in flight at a time: the next one leaves when the
 * container reports the previous one written, so a client that stops reading keeps its messages in this bounded
 * queue (and is closed when it overflows) instead of in the container's unbounded one.
 */
final class SocketSubscriber extends Subscriber {

    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final Session session;
    private final Executor senders;
    private final long pongTimeoutNanos;
    private boolean inFlight; // guarded by this
    private volatile CloseReason requested;
    /** When the unanswered ping went out ({@link System#nanoTime}); 0 when every ping was answered. */
    private volatile long pingSent;

    SocketSubscriber(Viewer viewer, Session session, Executor senders, int maxPending, Duration pongTimeout) {
        super(viewer, maxPending);
        this.session = session;
        this.senders = senders;
        this.pongTimeoutNanos = pongTimeout.toNanos();
    }

    /**
     * The heartbeat's WebSocket ping, which browsers answer by themselves. One is outstanding at a time: a client
     * that left it unanswered for the pong timeout is gone.
     */
    void ping(long now) {
        long sent = pingSent;
        if (sent != 0) {
            probe();
            return;
        }
        pingSent = now == 0 ? 1 : now;
        try {
            session.getAsyncRemote().sendPing(PING.duplicate());
        } catch (IOException | RuntimeException sessionGone) {
            close(CloseCause.GONE);
        }
    }

    /** The client answered a ping, or sent anything at all: it is there. */
    void heard() {
        pingSent = 0;
    }

    @Override
    void probe() {
        long sent = pingSent;
        if (sent != 0 && System.nanoTime() - sent >= pongTimeoutNanos) {
            close(CloseCause.SILENT);
        }
    }

    @Override
    Frame frame(LiveEvent event) {
        return new Frame(event.version(), event.isState(), event.socketText(view()));
    }

    @Override
    Frame farewell(Farewell farewell) {
        return frame(LiveEvent.error(farewell.code, 401, farewell.message));
    }

    @Override
    void sendQueued() {
        Frame frame;
        synchronized (this) {
            if (inFlight) {
                return;
            }
            frame = next();
            inFlight = frame != null;
        }
        if (frame == null) {
            drained();
            return;
        }
        try {
            session.getAsyncRemote().sendText((String) frame.payload(), result -> {
                synchronized (this) {
                    inFlight = false;
                }
                if (result.isOK()) {
                    sendQueued();
                } else {
                    close(CloseCause.GONE);
                }
            });
        } catch (RuntimeException sessionGone) {
            close(CloseCause.GONE);
        }
    }

    void closeWith(CloseReason reason) {
        requested = reason;
        close(CloseCause.REQUESTED);
    }

    @Override
    void closeTransport(CloseCause cause) {
        if (cause == CloseCause.GONE && !session.isOpen()) {
            return;
        }
        CloseReason reason = switch (cause) {
            case TOO_SLOW -> new CloseReason(CloseCodes.TRY_AGAIN_LATER, "client too slow, reconnect");
            case SILENT -> new CloseReason(CloseCodes.TRY_AGAIN_LATER, "no answer to ping, reconnect");
            case SHUTDOWN -> new CloseReason(CloseCodes.GOING_AWAY, "server shutting down");
            case REQUESTED -> requested;
            case FAREWELL -> new CloseReason(CloseCodes.VIOLATED_POLICY, farewell().message);
            default -> new CloseReason(CloseCodes.NORMAL_CLOSURE, "closed");
        };
        senders.execute(() -> {
            try {
                session.close(reason);
            } catch (IOException | RuntimeException alreadyGone) {
                // nothing left to close
            }
        });
    }
}
