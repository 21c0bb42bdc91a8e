package app.tablecart.live;

import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.realtime.LiveEvent;

/** The cart's events and messages on the live channels (names are the seed's wire contract). */
public final class CartEvents {

    static final String CART_UPDATE = "cart_update";

    private CartEvents() {}

    /** The cart at a version, for every client of the table; the message is the notice sentence. */
    public static LiveEvent update(CartUpdate update) {
        return LiveEvent.state(CART_UPDATE, update.version(), update.message(), update.json(false), update.json(true));
    }

    /** {@code add_item_success} and the like, to the sender only. */
    static LiveEvent success(String requestType, CartUpdate update) {
        return LiveEvent.reply(
                requestType + "_success", update.version(), update.message(), update.json(false), update.json(true));
    }
}
