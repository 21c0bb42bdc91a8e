package app.tablecart.realtime;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * Something to tell every client of a table, made into wire form once: an SSE event (name, {@code id:} = version for
 * versioned events, data = the JSON payload or the message) and a WebSocket text
 * {@code {"type","message","data","timestamp"}}. Versioned events carry state (e.g. {@code cart_update} with the cart
 * version); a client never receives an older version after a newer one.
 */
public final class TableEvent {

    public static final long UNVERSIONED = -1;

    private final String type;
    private final long version;
    private final boolean state;
    private final String message;
    private final String dataJson;
    private final long timestamp = System.currentTimeMillis();

    private volatile String text;
    private volatile OutboundSseEvent sseEvent;

    private TableEvent(String type, long version, boolean state, String message, String dataJson) {
        this.type = type;
        this.version = version;
        this.state = state;
        this.message = message;
        this.dataJson = dataJson;
    }

    /** The table's state at {@code version}; a client is sent each version at most once. */
    public static TableEvent state(String type, long version, String message, String dataJson) {
        return new TableEvent(type, version, true, message, dataJson);
    }

    /** A reply about a versioned state (e.g. {@code add_item_success}): dropped if the client already has newer. */
    public static TableEvent reply(String type, long version, String message, String dataJson) {
        return new TableEvent(type, version, false, message, dataJson);
    }

    /** A notice with no version (connected, heartbeat, error). */
    public static TableEvent notice(String type, String message, String dataJson) {
        return new TableEvent(type, UNVERSIONED, false, message, dataJson);
    }

    public String type() {
        return type;
    }

    public long version() {
        return version;
    }

    boolean isState() {
        return state;
    }

    boolean isVersioned() {
        return version != UNVERSIONED;
    }

    /** The WebSocket text, built on first use. */
    String socketText() {
        String result = text;
        if (result == null) {
            StringBuilder json = new StringBuilder(64 + (dataJson == null ? 0 : dataJson.length()));
            json.append("{\"type\":").append(Json.createValue(type))
                    .append(",\"message\":").append(message == null ? "null" : Json.createValue(message).toString())
                    .append(",\"data\":").append(dataJson == null ? "null" : dataJson)
                    .append(",\"timestamp\":").append(timestamp).append('}');
            result = json.toString();
            text = result;
        }
        return result;
    }

    /** The SSE event, built on first use. */
    OutboundSseEvent sseEvent(Sse sse) {
        OutboundSseEvent result = sseEvent;
        if (result == null) {
            var builder = sse.newEventBuilder().name(type).mediaType(MediaType.TEXT_PLAIN_TYPE)
                    .data(String.class, dataJson != null ? dataJson : message);
            if (isVersioned()) {
                builder.id(Long.toString(version));
            }
            result = builder.build();
            sseEvent = result;
        }
        return result;
    }
}
