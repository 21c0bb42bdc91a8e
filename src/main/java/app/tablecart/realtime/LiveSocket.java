package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Failures;
import app.tablecart.platform.Problem;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A WebSocket endpoint's handle on its connection: replies go through the same ordered, bounded queue as the
 * channel's events, and every client message passes the same size and rate limits first.
 */
public final class LiveSocket {

    /** Larger messages close the socket with 1009: no client message comes near it. */
    public static final int MAX_MESSAGE_CHARS = 16 * 1024;
    /** What the container buffers before it closes on its own; between the two we close with a clear reason. */
    public static final int CONTAINER_LIMIT = 4 * MAX_MESSAGE_CHARS;

    private final SocketSubscriber subscriber;
    private final MessageRate rate;

    LiveSocket(SocketSubscriber subscriber, MessageRate rate) {
        this.subscriber = subscriber;
        this.rate = rate;
    }

    /**
     * Handles one client message: past the limits, it is parsed and answered to this client alone ({@code heartbeat}
     * with a pong, the rest by the endpoint); a refusal of any kind is answered with an {@code error} and leaves the
     * socket open.
     */
    public void answer(String text, Function<SocketMessage, LiveEvent> handler) {
        subscriber.heard();
        if (!admit(text)) {
            return;
        }
        LiveEvent reply;
        try {
            SocketMessage message = SocketMessage.parse(text);
            reply = message.type().equals("heartbeat")
                    ? LiveEvent.notice("heartbeat", "pong", null)
                    : handler.apply(message);
        } catch (RuntimeException failed) {
            reply = LiveEvent.error(Failures.describe(failed));
        }
        send(reply);
    }

    /**
     * Whether a client message may be handled. One too long closes the socket (1009); one over the rate gets an
     * {@code error} and is dropped; a flood of them closes the socket (1008).
     */
    private boolean admit(String text) {
        if (text.length() > MAX_MESSAGE_CHARS) {
            close(CloseCodes.TOO_BIG, "message over " + MAX_MESSAGE_CHARS + " characters");
            return false;
        }
        return switch (rate.take()) {
            case ALLOWED -> true;
            case REFUSED -> {
                send(LiveEvent.error(new ApiException(
                        Problem.TOO_MANY_REQUESTS,
                        "more than " + rate.perSecond() + " messages a second; this one was not applied")));
                yield false;
            }
            case FLOOD -> {
                close(CloseCodes.VIOLATED_POLICY, "too many messages");
                yield false;
            }
        };
    }

    /**
     * A binary message: the protocol is JSON text, so it is refused like any bad message (counted by the rate
     * limit, answered with an {@code error}), and the socket stays open.
     */
    public void refuseBinary() {
        subscriber.heard();
        if (admit("")) {
            send(LiveEvent.error(ApiException.badRequest("binary messages are not accepted: send JSON text")));
        }
    }

    /** The client answered the heartbeat's ping. */
    public void pong() {
        subscriber.heard();
    }

    /** Sends to this client only; a reply about an older version than the client has is dropped. */
    public void send(LiveEvent event) {
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
     * Turns away a socket that may not join (unknown table, no valid token): a browser cannot read a refused
     * handshake, so the upgrade is accepted, the reason sent as a message, and the socket closed with 1008.
     */
    static void refuse(Session session, LiveEvent error, String reason) {
        session.getAsyncRemote().sendText(error.socketText(View.DINERS), sent -> {
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
        while (cut.getBytes(StandardCharsets.UTF_8).length > 123) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }
}
