package app.tablecart.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * A WebSocket session. Sends are asynchronous with one message in flight at a time: the next one leaves when the
 * container reports the previous one written, so a client that stops reading keeps its messages in this bounded
 * queue (and is closed when it overflows) instead of in the container's unbounded one.
 */
final class SocketSubscriber extends Subscriber {

    private final Session session;
    private final Executor senders;
    private boolean inFlight; // guarded by this
    private volatile CloseReason requested;

    SocketSubscriber(Viewer viewer, Session session, Executor senders, int maxPending) {
        super(viewer, maxPending);
        this.session = session;
        this.senders = senders;
    }

    @Override
    Frame frame(LiveEvent event) {
        return new Frame(event.version(), event.isState(), event.socketText(viewer().staff()));
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
