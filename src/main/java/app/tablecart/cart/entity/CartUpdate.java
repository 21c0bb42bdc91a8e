package app.tablecart.cart.entity;

import app.tablecart.platform.Json;

/**
 * A committed cart and the sentence that tells the table what happened. Carried by the CDI event to the live
 * channels and returned to the caller; its JSON is made once, however many clients receive it.
 */
public final class CartUpdate {

    private final CartDTO cart;
    private final String message;
    private volatile String json;

    public CartUpdate(CartDTO cart, String message) {
        this.cart = cart;
        this.message = message;
    }

    public static CartUpdate of(Cart cart) {
        var notice = cart.getNotice();
        return new CartUpdate(CartDTO.of(cart), notice == null ? "current cart" : notice.sentence());
    }

    public CartDTO cart() {
        return cart;
    }

    public long tableId() {
        return cart.tableId();
    }

    public long version() {
        return cart.version();
    }

    public String message() {
        return message;
    }

    /** The CartDTO as JSON, serialised on first use only. */
    public String json() {
        String result = json;
        if (result == null) {
            result = Json.toJson(cart);
            json = result;
        }
        return result;
    }
}
