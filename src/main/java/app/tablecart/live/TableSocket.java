package app.tablecart.live;

import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.control.CartChange;
import app.tablecart.cart.control.CartRequests;
import app.tablecart.cart.control.CartService;
import app.tablecart.order.control.OrderService;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import app.tablecart.platform.Origins;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.LiveChannels;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.realtime.LiveSocket;
import app.tablecart.realtime.SocketMessage;
import app.tablecart.table.control.TableMessages;
import jakarta.json.JsonObject;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code /ws/cart/{tableId}}: the table's live channel over one WebSocket — the seed's cart messages, submitting the
 * order, and messages at the table. One instance per connection. The token (query {@code access_token} or bearer
 * header), the origin and the table are checked when it opens; a refused socket gets an {@code error} and close
 * 1008. Every request goes through the same services as REST; the sender gets {@code <type>_success}, everyone at
 * the table the resulting event. Bad input gets an {@code error} and leaves the socket open; too many messages are
 * refused, a flood closes it.
 */
@ServerEndpoint(value = "/ws/cart/{tableId}", configurator = TableSocket.Opening.class)
public class TableSocket {

    private static final List<String> TYPES = List.of(
            "add_item",
            "update_quantity",
            "remove_item",
            "clear_cart",
            "submit_order",
            "table_message",
            "call_staff",
            "staff_message");

    private final Services services;
    private long tableId;
    private Caller caller;
    private LiveSocket live;

    TableSocket(Services services) {
        this.services = services;
    }

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("tableId") String rawTableId) {
        try {
            services.origins().requireMayConnect(Handshakes.origin(config), Handshakes.host(config));
            caller = services.callers().of(Handshakes.token(config, session));
            tableId = Ids.parse(rawTableId, "table");
            long table = tableId;
            Caller viewer = caller;
            live = services.channels()
                    .openSocket(
                            ChannelKey.table(table),
                            Viewers.of(viewer),
                            session,
                            () -> List.of(CartEvents.update(services.carts().current(table, viewer))));
        } catch (RuntimeException refused) {
            services.channels().refuse(session, refused);
        }
    }

    @OnMessage(maxMessageSize = LiveSocket.CONTAINER_LIMIT)
    public void message(String text) {
        if (live != null) {
            live.answer(text, this::answer);
        }
    }

    /** A binary frame: refused like any bad message; nothing is logged, so no handshake URI with its token is. */
    @OnMessage(maxMessageSize = LiveSocket.CONTAINER_LIMIT)
    public void binary(ByteBuffer data) {
        if (live != null) {
            live.refuseBinary();
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (live != null) {
            live.pong();
        }
    }

    @OnClose
    public void close() {
        if (live != null) {
            live.closed();
        }
    }

    /** A failed connection (reset, broken pipe) ends like a closed one; the container would log its URI. */
    @OnError
    public void failed(Throwable failure) {
        close();
    }

    private LiveEvent answer(SocketMessage message) {
        String type = message.type();
        return switch (type) {
            case "add_item" -> change(type, message.data(), CartRequests::add);
            case "update_quantity" -> change(type, message.data(), CartRequests::update);
            case "remove_item" -> change(type, message.data(), CartRequests::remove);
            case "clear_cart" -> change(type, message.data(), CartRequests::clear);
            case "submit_order" ->
                OrderEvents.submitted(
                        type,
                        services.orders()
                                .submit(tableId, JsonFields.text(message.requiredData(), "idempotencyKey"), caller)
                                .order());
            case "table_message", "call_staff", "staff_message" ->
                MessageEvents.sent(
                        type,
                        services.messages()
                                .send(tableId, type, JsonFields.text(message.requiredData(), "text"), caller));
            default -> throw message.unknownType(TYPES);
        };
    }

    private LiveEvent change(String type, JsonObject data, BiFunction<Long, JsonObject, CartChange> reader) {
        return CartEvents.success(type, services.carts().apply(reader.apply(tableId, data), caller));
    }

    /** What every connection calls: application-scoped services, shared by all of them. */
    record Services(
            CartService carts,
            OrderService orders,
            TableMessages messages,
            LiveChannels channels,
            Callers callers,
            Origins origins) {}

    /** Makes each connection's endpoint with services looked up once (see {@link Handshakes#shared}). */
    public static class Opening extends Handshakes {

        @Override
        public <T> T getEndpointInstance(Class<T> endpoint) {
            Services services = shared(() -> new Services(
                    bean(CartService.class),
                    bean(OrderService.class),
                    bean(TableMessages.class),
                    bean(LiveChannels.class),
                    bean(Callers.class),
                    bean(Origins.class)));
            return endpoint.cast(new TableSocket(services));
        }
    }
}
