package app.tablecart.cart.boundary;

import app.tablecart.auth.Diner;
import app.tablecart.cart.control.CartChange;
import app.tablecart.cart.control.CartService;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Failures;
import app.tablecart.platform.Ids;
import app.tablecart.platform.Text;
import app.tablecart.realtime.LiveSocket;
import app.tablecart.realtime.TableChannels;
import app.tablecart.realtime.TableEvent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code /ws/cart/{tableId}}: the seed's cart messages over one WebSocket. One instance per connection. Every
 * change goes through {@link CartService}, like REST; the sender gets {@code <type>_success} and, like everyone at
 * the table, the {@code cart_update}. Bad input gets an {@code error} and leaves the socket open.
 */
@ServerEndpoint("/ws/cart/{tableId}")
public class CartSocket {

    /** Larger messages close the socket with 1009: no cart message comes near it. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;
    /** What the container buffers before it closes on its own; between the two we close with a clear reason. */
    private static final int CONTAINER_LIMIT = 4 * MAX_MESSAGE_CHARS;

    private static final String NICKNAME_PARAMETER = "nickname";
    private static final List<String> TYPES =
            List.of("add_item", "update_quantity", "remove_item", "clear_cart", "heartbeat");

    @Inject
    CartService carts;

    @Inject
    TableChannels channels;

    private long tableId;
    private Diner diner;
    private LiveSocket live;

    @OnOpen
    public void open(Session session, @PathParam("tableId") String rawTableId) {
        try {
            tableId = Ids.parse(rawTableId, "table");
            var current = carts.current(tableId);
            diner = Diner.guest(first(session.getRequestParameterMap().get(NICKNAME_PARAMETER)));
            live = channels.openSocket(tableId, session, CartEvents.greeting(current),
                    id -> CartEvents.update(carts.current(id)));
        } catch (RuntimeException refused) {
            ApiException refusal = Failures.describe(refused);
            LiveSocket.refuse(session, CartEvents.error(refusal), refusal.getMessage());
        }
    }

    @OnMessage(maxMessageSize = CONTAINER_LIMIT)
    public void message(Session session, String text) {
        if (live == null) {
            return;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            live.close(CloseCodes.TOO_BIG, "message over " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        live.send(answer(text));
    }

    @OnClose
    public void close() {
        if (live != null) {
            live.closed();
        }
    }

    private TableEvent answer(String text) {
        try {
            JsonObject message = parse(text);
            String type = type(message);
            JsonObject data = data(message);
            return switch (type) {
                case "heartbeat" -> CartEvents.pong();
                case "add_item" -> change(type, data, CartRequests::add);
                case "update_quantity" -> change(type, data, CartRequests::update);
                case "remove_item" -> change(type, data, CartRequests::remove);
                case "clear_cart" -> change(type, data, CartRequests::clear);
                default -> throw ApiException.badRequest("unknown message type " + Text.quote(type)
                        + "; expected one of " + String.join(", ", TYPES));
            };
        } catch (RuntimeException failed) {
            return CartEvents.error(Failures.describe(failed));
        }
    }

    private TableEvent change(String type, JsonObject data, BiFunction<Long, JsonObject, CartChange> reader) {
        return CartEvents.success(type, carts.apply(reader.apply(tableId, data), diner));
    }

    private static JsonObject parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException notJson) {
            throw ApiException.badRequest("the message is not a JSON object");
        }
    }

    private static String type(JsonObject message) {
        JsonValue type = message.get("type");
        if (!(type instanceof JsonString name)) {
            throw ApiException.badRequest("the message has no type");
        }
        return name.getString();
    }

    private static JsonObject data(JsonObject message) {
        JsonValue data = message.get("data");
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (data instanceof JsonObject object) {
            return object;
        }
        throw ApiException.badRequest("data must be a JSON object");
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
