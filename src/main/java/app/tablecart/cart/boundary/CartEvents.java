package app.tablecart.cart.boundary;

import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.realtime.TableEvent;
import app.tablecart.realtime.Viewer;
import jakarta.json.Json;
import java.util.List;

/** The cart's events and messages on the live channels (names are the seed's wire contract). */
final class CartEvents {

    static final String CART_UPDATE = "cart_update";

    private CartEvents() {
    }

    /** What a new connection receives first: {@code connected}, then the current cart. */
    static List<TableEvent> greeting(CartUpdate current) {
        return List.of(TableEvent.notice("connected", "connected", null), update(current));
    }

    /** The cart at a version, for every client of the table; the message is the notice sentence. */
    static TableEvent update(CartUpdate update) {
        return TableEvent.state(CART_UPDATE, update.version(), update.message(), update.json(false),
                update.json(true));
    }

    /** {@code add_item_success} and the like, to the sender only. */
    static TableEvent success(String requestType, CartUpdate update) {
        return TableEvent.reply(requestType + "_success", update.version(), update.message(), update.json(false),
                update.json(true));
    }

    static TableEvent error(ApiException refusal) {
        String data = Json.createObjectBuilder()
                .add("code", refusal.code())
                .add("status", refusal.problem().status())
                .build().toString();
        return TableEvent.notice("error", refusal.getMessage(), data);
    }

    /** What the live channel needs to know of a caller. */
    static Viewer viewer(Caller caller) {
        return new Viewer(caller.userId(), caller.isStaff(),
                caller.tableSession() == null ? 0 : caller.tableSession(), caller.expiresAt());
    }

    static TableEvent pong() {
        return TableEvent.notice("heartbeat", "pong", null);
    }
}
