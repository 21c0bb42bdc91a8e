package app.tablecart.realtime;

/**
 * Why the server ends a connection that its client may renew: it must get a new token, or join the table again. The
 * client is told (an SSE event of that name, a WebSocket {@code error} with that code) before the connection closes.
 */
public enum Farewell {
    TOKEN_EXPIRED("token_expired", "token expired"),
    SESSION_CLOSED("session_closed", "table session closed");

    final String code;
    final String message;

    Farewell(String code, String message) {
        this.code = code;
        this.message = message;
    }
}
