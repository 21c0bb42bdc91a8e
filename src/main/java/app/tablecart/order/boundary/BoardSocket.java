package app.tablecart.order.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.order.control.OrderService;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import app.tablecart.platform.Origins;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.HandshakeHeaders;
import app.tablecart.realtime.LiveChannels;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.realtime.LiveSocket;
import app.tablecart.realtime.SocketMessage;
import app.tablecart.table.boundary.TableMessageEvents;
import app.tablecart.table.control.TableMessages;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.util.List;

/**
 * {@code /ws/store/{storeId}}: a store's live order board over a WebSocket, for its staff only; the same events as
 * {@link BoardStream}. Staff may answer from it: {@code update_status {orderNo, status, reason}} and
 * {@code staff_message {tableId, text}}. Opening, limits and errors work as on a table's socket.
 */
@ServerEndpoint(value = "/ws/store/{storeId}", configurator = HandshakeHeaders.class)
public class BoardSocket {

    private static final List<String> TYPES = List.of("update_status", "staff_message");

    @Inject
    OrderService orders;

    @Inject
    TableMessages messages;

    @Inject
    LiveChannels channels;

    @Inject
    Callers callers;

    @Inject
    Origins origins;

    private long storeId;
    private Caller caller;
    private LiveSocket live;

    @OnOpen
    public void open(Session session, EndpointConfig config, @PathParam("storeId") String rawStoreId) {
        try {
            origins.requireMayConnect(HandshakeHeaders.origin(config), HandshakeHeaders.host(config));
            caller = callers.of(HandshakeHeaders.token(config, session));
            storeId = Ids.parse(rawStoreId, "store");
            long store = storeId;
            Caller staff = caller;
            live = channels.openSocket(ChannelKey.board(store), Callers.viewer(staff), session,
                    () -> List.of(OrderEvents.board(orders.board(store, staff), channels.occupiedTables(store))));
        } catch (RuntimeException refused) {
            channels.refuse(session, refused);
        }
    }

    @OnMessage(maxMessageSize = LiveSocket.CONTAINER_LIMIT)
    public void message(String text) {
        if (live != null) {
            live.answer(text, this::answer);
        }
    }

    @OnClose
    public void close() {
        if (live != null) {
            live.closed();
        }
    }

    private LiveEvent answer(SocketMessage message) {
        String type = message.type();
        return switch (type) {
            case "update_status" -> {
                JsonObject data = message.requiredData();
                yield OrderEvents.statusChanged(type, orders.changeStatus(storeId,
                        JsonFields.text(data, "orderNo"), OrderResource.status(JsonFields.text(data, "status")),
                        JsonFields.text(data, "reason"), caller));
            }
            case "staff_message" -> {
                JsonObject data = message.requiredData();
                yield TableMessageEvents.sent(type, messages.send(Ids.parse(data.get("tableId"), "table"),
                        type, JsonFields.text(data, "text"), caller));
            }
            default -> throw message.unknownType(TYPES);
        };
    }
}
