package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;

/**
 * Something to tell every client of a table, made into wire form once: an SSE event (name, {@code id:} = version for
 * versioned events, data = the JSON payload or the message) and a WebSocket text
 * {@code {"type","message","data","timestamp"}}. Versioned events carry state (e.g. {@code cart_update} with the cart
 * version); a client never receives an older version after a newer one.
 */
public final class LiveEvent {

    public static final long UNVERSIONED = -1;

    private final String type;
    private final long version;
    private final boolean state;
    private final String message;
    private final String[] dataJson; // per view: [diners, staff]; the same string when the views do not differ
    private final long timestamp = System.currentTimeMillis();

    private final String[] text = new String[2];
    private final OutboundSseEvent[] sseEvent = new OutboundSseEvent[2];

    private LiveEvent(String type, long version, boolean state, String message, String dinerJson,
            String staffJson) {
        this.type = type;
        this.version = version;
        this.state = state;
        this.message = message;
        this.dataJson = new String[] {dinerJson, staffJson};
    }

    /**
     * The table's state at {@code version}; a client is sent each version at most once. Diners and staff may see
     * different data (staff see phone numbers whole).
     */
    public static LiveEvent state(String type, long version, String message, String dinerJson, String staffJson) {
        return new LiveEvent(type, version, true, message, dinerJson, staffJson);
    }

    /**
     * A reply about a versioned state (e.g. {@code add_item_success}), to its sender: if the client already has a
     * newer state, it is sent carrying that one instead.
     */
    public static LiveEvent reply(String type, long version, String message, String dinerJson, String staffJson) {
        return new LiveEvent(type, version, false, message, dinerJson, staffJson);
    }

    /** A notice with no version (connected, heartbeat, error), the same for everyone. */
    public static LiveEvent notice(String type, String message, String dataJson) {
        return new LiveEvent(type, UNVERSIONED, false, message, dataJson, dataJson);
    }

    /** A refusal, to the one client it concerns: {@code error} with {@code {code, status}}. */
    public static LiveEvent error(ApiException refusal) {
        return error(refusal.code(), refusal.problem().status(), refusal.getMessage());
    }

    static LiveEvent error(String code, int status, String message) {
        return notice("error", message, Json.object().add("code", code).add("status", status).build().toString());
    }

    /** This reply with a newer state's version and data in place of its own. */
    LiveEvent carrying(LiveEvent newer) {
        return new LiveEvent(type, newer.version, false, message, newer.dataJson[0], newer.dataJson[1]);
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

    /** The JSON data for a view, or null. */
    String dataOf(boolean staff) {
        return dataJson[view(staff)];
    }

    /** The WebSocket text for a view, built on its first use (once per table, not per client). */
    String socketText(boolean staff) {
        int view = view(staff);
        synchronized (text) {
            if (text[view] == null) {
                String data = dataJson[view];
                text[view] = "{\"type\":" + Json.quote(type)
                        + ",\"message\":" + (message == null ? "null" : Json.quote(message))
                        + ",\"data\":" + (data == null ? "null" : data)
                        + ",\"timestamp\":" + timestamp + '}';
            }
            return text[view];
        }
    }

    /**
     * The SSE event for a view, built on its first use. Its data is bytes already: as a string, the container would
     * encode it again for every stream, through a fresh 8 KB encoder buffer each time.
     */
    OutboundSseEvent sseEvent(Sse sse, boolean staff) {
        int view = view(staff);
        synchronized (sseEvent) {
            if (sseEvent[view] == null) {
                String data = dataJson[view];
                var builder = sse.newEventBuilder().name(type).mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(byte[].class, (data != null ? data : message).getBytes(StandardCharsets.UTF_8));
                if (isVersioned()) {
                    builder.id(Long.toString(version));
                }
                sseEvent[view] = builder.build();
            }
            return sseEvent[view];
        }
    }

    /** Staff's view shares the diners' one when their data is the same string. */
    private int view(boolean staff) {
        return staff && dataJson[1] != dataJson[0] ? 1 : 0;
    }
}
