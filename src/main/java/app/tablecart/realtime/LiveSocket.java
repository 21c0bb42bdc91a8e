package app.tablecart.realtime;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;

/** A WebSocket endpoint's handle on its connection: replies go through the same ordered, bounded queue. */
public final class LiveSocket {

    private final SocketSubscriber subscriber;

    LiveSocket(SocketSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    /** Sends to this client only; a reply about an older version than the client has is dropped. */
    public void send(TableEvent event) {
        subscriber.offer(event);
    }

    /** Ends the connection with a close code and reason for the client. */
    public void close(CloseReason.CloseCode code, String reason) {
        subscriber.closeWith(new CloseReason(code, closeReason(reason)));
    }

    /** The client closed the socket or it failed. */
    public void closed() {
        subscriber.close(Subscriber.CloseCause.GONE);
    }

    /**
     * Turns away a socket that may not join (unknown table; later: no valid token): a browser cannot read a refused
     * handshake, so the upgrade is accepted, the reason sent as a message, and the socket closed with 1008.
     */
    static void refuse(Session session, TableEvent error, String reason) {
        session.getAsyncRemote().sendText(error.socketText(false), sent -> {
            try {
                session.close(new CloseReason(CloseCodes.VIOLATED_POLICY, closeReason(reason)));
            } catch (IOException alreadyClosed) {
                // the client left first
            }
        });
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    static String closeReason(String reason) {
        String cut = reason;
        while (cut.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
