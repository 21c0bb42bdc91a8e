package app.tablecart.order.entity;

import app.tablecart.cart.entity.CartUpdate;

/**
 * What a committed order change tells the live channels: the order, the store's count of unprocessed orders after
 * it, and for a new order the emptied cart (sent after the order, so the table never sees its cart vanish first).
 */
public record OrderEvent(OrderDTO order, long unprocessed, CartUpdate emptiedCart) {

    public boolean isNew() {
        return emptiedCart != null;
    }
}
