package app.tablecart.cart.boundary;

import app.tablecart.auth.control.Bearer;
import app.tablecart.auth.control.Callers;
import app.tablecart.auth.control.TableAccess;
import app.tablecart.auth.entity.Caller;
import app.tablecart.auth.entity.Diner;
import app.tablecart.cart.control.CartChange;
import app.tablecart.cart.control.CartService;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Failures;
import app.tablecart.platform.Ids;
import app.tablecart.platform.Origins;
import app.tablecart.platform.Problem;
import app.tablecart.platform.Text;
import app.tablecart.realtime.HandshakeHeaders;
import app.tablecart.realtime.LiveSocket;
import app.tablecart.realtime.MessageRate;
import app.tablecart.realtime.TableChannels;
import app.tablecart.realtime.TableEvent;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /ws/cart/{tableId}}: the seed's cart messages over one WebSocket. One instance per connection. The token
 * (query {@code access_token} or bearer header), the origin and the table are checked when it opens; a refused
 * socket gets an {@code error} and close 1008. Every change goes through {@link CartService}, like REST; the
 * sender gets {@code <type>_success} and, like everyone at the table, the {@code cart_update}. Bad input gets an
 * {@code error} and leaves the socket open; too many messages are refused, a flood closes it.
 */
@ServerEndpoint(value = "/ws/cart/{tableId}", configurator = HandshakeHeaders.class)
public class CartSocket {

    /** Larger messages close the socket with 1009: no cart message comes near it. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024;
    /** What the container buffers before it closes on its own; between the two we close with a clear reason. */
    private static final int CONTAINER_LIMIT = 4 * MAX_MESSAGE_CHARS;

    private static final List<String> TYPES =
            List.of("add_item", "update_quantity", "remove_item", "clear_cart", "heartbeat");

    @Inject
    CartService carts;

    @Inject
    TableChannels channels;

    @Inject
    Callers callers;

    @Inject
    TableAccess access;

    @Inject
    Origins origins;

    @Inject
    @ConfigProperty(name = "tablecart.ws.rate-limit")
    int rateLimit;

    @Inject
    @ConfigProperty(name = "tablecart.ws.flood-limit")
    int floodLimit;

    private long tableId;
    private Diner diner;
    private MessageRate rate;
    private LiveSocket live;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("tableId") String rawTableId) {
        try {
            Map<String, Object> handshake = config.getUserProperties();
            if (!origins.mayConnect((String) handshake.get(HandshakeHeaders.ORIGIN),
                    (String) handshake.get(HandshakeHeaders.HOST))) {
                throw new ApiException(Problem.FORBIDDEN, "forbidden_origin", "this page's origin may not connect");
            }
            Caller caller = callers.of(Bearer.token((String) handshake.get(HandshakeHeaders.AUTHORIZATION),
                    first(session.getRequestParameterMap().get(Bearer.QUERY_PARAMETER))));
            tableId = Ids.parse(rawTableId, "table");
            access.requireTable(caller, tableId);
            var current = carts.current(tableId);
            diner = caller.diner();
            rate = new MessageRate(rateLimit, floodLimit);
            live = channels.openSocket(tableId, CartEvents.viewer(caller), session, CartEvents.greeting(current),
                    id -> CartEvents.update(carts.current(id)));
        } catch (RuntimeException refused) {
            ApiException refusal = Failures.describe(refused);
            channels.refuse(session, CartEvents.error(refusal), refusal.getMessage());
        }
    }

    @OnMessage(maxMessageSize = CONTAINER_LIMIT)
    public void message(String text) {
        if (live == null) {
            return;
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            live.close(CloseCodes.TOO_BIG, "message over " + MAX_MESSAGE_CHARS + " characters");
            return;
        }
        switch (rate.take()) {
            case ALLOWED -> live.send(answer(text));
            case REFUSED -> live.send(CartEvents.error(new ApiException(Problem.TOO_MANY_REQUESTS,
                    "more than " + rateLimit + " messages a second; this one was not applied")));
            case FLOOD -> live.close(CloseCodes.VIOLATED_POLICY, "too many messages");
        }
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
