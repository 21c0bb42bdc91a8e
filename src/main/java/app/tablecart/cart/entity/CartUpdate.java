package app.tablecart.cart.entity;

import app.tablecart.platform.Json;

/**
 * A committed cart and the sentence that tells the table what happened. Carried by the CDI event to the live
 * channels and returned to the caller as the same JSON, which is made once per view — diners (other diners' phones
 * masked) and staff — however many clients receive it; when no line has a phone both views are the same string.
 */
public final class CartUpdate {

    private final CartDTO cart;
    private final CartDTO forDiners;
    private final String message;
    private volatile String dinerJson;
    private volatile String staffJson;

    public CartUpdate(CartDTO cart, String message) {
        this.cart = cart;
        this.forDiners = cart.withPhonesMasked();
        this.message = message;
    }

    public static CartUpdate of(Cart cart) {
        var notice = cart.getNotice();
        return new CartUpdate(CartDTO.of(cart), notice == null ? "current cart" : notice.sentence());
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

    /** The CartDTO as JSON for a view, serialised on first use only. */
    public String json(boolean staff) {
        if (staff && cart != forDiners) {
            String result = staffJson;
            if (result == null) {
                result = Json.toJson(cart);
                staffJson = result;
            }
            return result;
        }
        String result = dinerJson;
        if (result == null) {
            result = Json.toJson(forDiners);
            dinerJson = result;
        }
        return result;
    }
}
