package app.tablecart.live;

import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.order.control.OrderService;
import app.tablecart.order.entity.OrderStatus;
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

/**
 * {@code /ws/store/{storeId}}: a store's live order board over a WebSocket, for its staff only; the same events as
 * {@link BoardStream}. Staff may answer from it: {@code update_status {orderNo, status, reason}} and
 * {@code staff_message {tableId, text}}. Opening, limits and errors work as on a table's socket.
 */
@ServerEndpoint(value = "/ws/store/{storeId}", configurator = BoardSocket.Opening.class)
public class BoardSocket {

    private static final List<String> TYPES = List.of("update_status", "staff_message");

    private final Services services;
    private long storeId;
    private Caller caller;
    private LiveSocket live;

    BoardSocket(Services services) {
        this.services = services;
    }

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("storeId") String rawStoreId) {
        try {
            services.origins().requireMayConnect(Handshakes.origin(config), Handshakes.host(config));
            caller = services.callers().of(Handshakes.token(config, session));
            storeId = Ids.parse(rawStoreId, "store");
            long store = storeId;
            Caller staff = caller;
            LiveChannels channels = services.channels();
            live = channels.openSocket(
                    ChannelKey.board(store),
                    Viewers.of(staff),
                    session,
                    () -> List.of(
                            OrderEvents.board(services.orders().board(store, staff), channels.occupiedTables(store))));
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
            case "update_status" -> {
                JsonObject data = message.requiredData();
                yield OrderEvents.statusChanged(
                        type,
                        services.orders()
                                .changeStatus(
                                        storeId,
                                        JsonFields.text(data, "orderNo"),
                                        OrderStatus.named(JsonFields.text(data, "status")),
                                        JsonFields.text(data, "reason"),
                                        caller));
            }
            case "staff_message" -> {
                JsonObject data = message.requiredData();
                yield MessageEvents.sent(
                        type,
                        services.messages()
                                .send(
                                        Ids.parse(data.get("tableId"), "table"),
                                        type,
                                        JsonFields.text(data, "text"),
                                        caller));
            }
            default -> throw message.unknownType(TYPES);
        };
    }

    /** What every connection calls: application-scoped services, shared by all of them. */
    record Services(
            OrderService orders, TableMessages messages, LiveChannels channels, Callers callers, Origins origins) {}

    /** Makes each connection's endpoint with services looked up once (see {@link Handshakes#shared}). */
    public static class Opening extends Handshakes {

        @Override
        public <T> T getEndpointInstance(Class<T> endpoint) {
            Services services = shared(() -> new Services(
                    bean(OrderService.class),
                    bean(TableMessages.class),
                    bean(LiveChannels.class),
                    bean(Callers.class),
                    bean(Origins.class)));
            return endpoint.cast(new BoardSocket(services));
        }
    }
}
