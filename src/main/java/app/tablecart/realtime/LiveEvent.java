package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Something to tell the clients of a channel, made into wire form once per {@link View}: an SSE event (name, {@code id:}
 * = version for versioned events, data = the JSON payload or the message) and a WebSocket text
 * {@code {"type","message","data","timestamp"}}. Versioned events carry state (e.g. {@code cart_update} with the cart
 * version); a client never receives an older version after a newer one.
 */
public final class LiveEvent {

    public static final long UNVERSIONED = -1;

    private final String type;
    private final long version;
    private final boolean state;
    private final String message;
    private final String dinerJson;
    private final String staffJson; // the same string when the views do not differ
    private final long timestamp = System.currentTimeMillis();

    private final Map<View, String> text = new EnumMap<>(View.class);
    private final Map<View, OutboundSseEvent> sseEvent = new EnumMap<>(View.class);
    private final Broadcast broadcast = new Broadcast(this);

    private LiveEvent(String type, long version, boolean state, String message, String dinerJson, String staffJson) {
        this.type = type;
        this.version = version;
        this.state = state;
        this.message = message;
        this.dinerJson = dinerJson;
        this.staffJson = staffJson;
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
        return notice(
                "error",
                message,
                Json.object().add("code", code).add("status", status).build().toString());
    }

    /** This reply with a newer state's version and data in place of its own. */
    LiveEvent carrying(LiveEvent newer) {
        return new LiveEvent(type, newer.version, false, message, newer.dinerJson, newer.staffJson);
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
    String dataOf(View view) {
        return shown(view) == View.STAFF ? staffJson : dinerJson;
    }

    /** The WebSocket text for a view, built on its first use (once per channel, not per client). */
    String socketText(View view) {
        synchronized (text) {
            return text.computeIfAbsent(shown(view), v -> {
                String data = dataOf(v);
                return "{\"type\":" + Json.quote(type) + ",\"message\":"
                        + (message == null ? "null" : Json.quote(message)) + ",\"data\":"
                        + (data == null ? "null" : data) + ",\"timestamp\":" + timestamp + '}';
            });
        }
    }

    /**
     * The SSE event for a view, built on its first use. Its data is bytes already: as a string, the container would
     * encode it again for every stream, through a fresh 8 KB encoder buffer each time.
     */
    OutboundSseEvent sseEvent(Sse sse, View view) {
        synchronized (sseEvent) {
            return sseEvent.computeIfAbsent(shown(view), v -> {
                String data = dataOf(v);
                var builder = sse.newEventBuilder()
                        .name(type)
                        .mediaType(MediaType.TEXT_PLAIN_TYPE)
                        .data(byte[].class, (data != null ? data : message).getBytes(StandardCharsets.UTF_8));
                if (isVersioned()) {
                    builder.id(Long.toString(version));
                }
                return builder.build();
            });
        }
    }

    /**
     * What a channel hands its SSE broadcaster: the broadcaster passes it to each stream, which queues the event it
     * carries like any other ({@link Subscriber#offer}) and writes it in its own view; it is never written as it is.
     */
    OutboundSseEvent broadcast() {
        return broadcast;
    }

    /** Staff's view shares the diners' one when their data is the same string. */
    private View shown(View view) {
        return view == View.STAFF && staffJson != dinerJson ? View.STAFF : View.DINERS;
    }

    /** The broadcaster's envelope of a live event (see {@link #broadcast}). */
    record Broadcast(LiveEvent event) implements OutboundSseEvent {

        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public java.lang.reflect.Type getGenericType() {
            return String.class;
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public Object getData() {
            return event.dinerJson != null ? event.dinerJson : event.message;
        }

        @Override
        public String getId() {
            return event.isVersioned() ? Long.toString(event.version) : null;
        }

        @Override
        public String getName() {
            return event.type;
        }

        @Override
        public String getComment() {
            return null;
        }

        @Override
        public long getReconnectDelay() {
            return -1;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return false;
        }
    }
}
