package app.tablecart.cart.control;

import app.tablecart.auth.entity.Diner;
import app.tablecart.cart.entity.Cart;
import app.tablecart.menu.entity.Cuisine;
import java.util.function.LongFunction;

/**
 * A change a diner asks of a table's cart, whichever channel it came through. Its text fields were checked when it
 * was read ({@code CartRequests}); rules that depend on the cart (quantities, the most per line, the store's menu)
 * are the cart's own.
 */
public sealed interface CartChange {

    int MAX_REMARK = 200;
    int MAX_REQUEST_ID = 64;

    long tableId();

    /** The client's id for this change, so a retry is applied once; may be null. */
    String requestId();

    void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine);

    record AddItem(long tableId, long cuisineId, int quantity, String remark, String requestId) implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.add(menu.apply(cuisineId), quantity, remark, by, maxPerLine);
        }
    }

    record UpdateQuantity(long tableId, long cuisineId, int quantity, String requestId) implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.set(menu.apply(cuisineId), quantity, by, maxPerLine);
        }
    }

    record RemoveItem(long tableId, long cuisineId, String requestId) implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.remove(menu.apply(cuisineId).getId(), by);
        }
    }

    record ClearCart(long tableId, String requestId) implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.clear(by);
        }
    }
}
