package app.tablecart.live;

import app.tablecart.order.control.OrderService;
import app.tablecart.order.entity.OrderDTO;
import app.tablecart.order.entity.OrderEvent;
import app.tablecart.platform.Json;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.realtime.Presence;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Locale;

/**
 * Orders on the live channels. The table hears {@code order_submitted} and {@code order_status} (the order); the
 * store's board gets, as in seed 001, {@code {orderSum, msg}} with every order: {@code order_board} when it
 * connects, then {@code new_order} and {@code order_status}.
 */
public final class OrderEvents {

    static final String ORDER_SUBMITTED = "order_submitted";
    static final String ORDER_STATUS = "order_status";
    static final String NEW_ORDER = "new_order";
    static final String ORDER_BOARD = "order_board";

    /** What the board receives with each order. */
    @JsonbPropertyOrder({"orderSum", "msg", "order"})
    public record BoardNews(long orderSum, String msg, OrderDTO order) {}

    /** What a board starts from. */
    @JsonbPropertyOrder({"orderSum", "msg", "orders", "tables"})
    public record BoardState(long orderSum, String msg, List<OrderDTO> orders, List<Presence> tables) {}

    private OrderEvents() {}

    /** {@code submit_order_success}, to the client that submitted. */
    public static LiveEvent submitted(String requestType, OrderDTO order) {
        return LiveEvent.notice(
                requestType + "_success", "order " + order.orderNo() + " sent to the kitchen", Json.toJson(order));
    }

    /** {@code update_status_success}, to the staff member who moved the order on. */
    static LiveEvent statusChanged(String requestType, OrderDTO order) {
        return LiveEvent.notice(requestType + "_success", sentence(order), Json.toJson(order));
    }

    static LiveEvent toTable(OrderEvent event) {
        OrderDTO order = event.order();
        return event.isNew()
                ? LiveEvent.notice(
                        ORDER_SUBMITTED,
                        order.submittedBy().nickname() + " sent order " + order.orderNo() + " to the kitchen",
                        Json.toJson(order))
                : LiveEvent.notice(ORDER_STATUS, sentence(order), Json.toJson(order));
    }

    static LiveEvent toBoard(OrderEvent event) {
        OrderDTO order = event.order();
        String msg = event.isNew()
                ? "new order from table " + order.tableNumber() + "; " + waiting(event.unprocessed())
                : sentence(order) + "; " + waiting(event.unprocessed());
        return LiveEvent.notice(
                event.isNew() ? NEW_ORDER : ORDER_STATUS,
                msg,
                Json.toJson(new BoardNews(event.unprocessed(), msg, order)));
    }

    static LiveEvent board(OrderService.Board board, List<Presence> occupied) {
        String msg = waiting(board.unprocessed());
        return LiveEvent.notice(
                ORDER_BOARD, msg, Json.toJson(new BoardState(board.unprocessed(), msg, board.open(), occupied)));
    }

    private static String sentence(OrderDTO order) {
        return "order " + order.orderNo() + " of table " + order.tableNumber() + " is "
                + order.status().name().toLowerCase(Locale.ROOT);
    }

    private static String waiting(long unprocessed) {
        return unprocessed + (unprocessed == 1 ? " order waits" : " orders wait") + " to be accepted";
    }
}
