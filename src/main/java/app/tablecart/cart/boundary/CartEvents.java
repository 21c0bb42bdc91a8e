package app.tablecart.cart.boundary;

import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiException;
import app.tablecart.realtime.TableEvent;
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
        return TableEvent.state(CART_UPDATE, update.version(), update.message(), update.json());
    }

    /** {@code add_item_success} and the like, to the sender only. */
    static TableEvent success(String requestType, CartUpdate update) {
        return TableEvent.reply(requestType + "_success", update.version(), update.message(), update.json());
    }

    static TableEvent error(ApiException refusal) {
        String data = Json.createObjectBuilder()
                .add("code", refusal.problem().code())
                .add("status", refusal.problem().status())
                .build().toString();
        return TableEvent.notice("error", refusal.getMessage(), data);
    }

    static TableEvent pong() {
        return TableEvent.notice("heartbeat", "pong", null);
    }
}
