package app.tablecart.cart.control;

import app.tablecart.auth.entity.Diner;
import app.tablecart.cart.entity.Cart;
import app.tablecart.menu.entity.Cuisine;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.function.LongFunction;

/**
 * A change a diner asks of a table's cart, whichever channel it came through. Field constraints are Bean
 * Validation's; rules that depend on the cart (the most per line, the store's menu) are the cart's own.
 */
public sealed interface CartChange {

    int MAX_REMARK = 200;
    int MAX_REQUEST_ID = 64;

    long tableId();

    /** The client's id for this change, so a retry is applied once; may be null. */
    String requestId();

    void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine);

    record AddItem(long tableId, long cuisineId,
            @Min(value = 1, message = "quantity must be at least 1") int quantity,
            @Size(max = MAX_REMARK, message = "remark must be at most 200 characters") String remark,
            @Size(min = 1, max = MAX_REQUEST_ID, message = "requestId must be 1 to 64 characters") String requestId)
            implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.add(menu.apply(cuisineId), quantity, remark, by, maxPerLine);
        }
    }

    record UpdateQuantity(long tableId, long cuisineId,
            @Min(value = 0, message = "quantity must be 0 or more") int quantity,
            @Size(min = 1, max = MAX_REQUEST_ID, message = "requestId must be 1 to 64 characters") String requestId)
            implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.set(menu.apply(cuisineId), quantity, by, maxPerLine);
        }
    }

    record RemoveItem(long tableId, long cuisineId,
            @Size(min = 1, max = MAX_REQUEST_ID, message = "requestId must be 1 to 64 characters") String requestId)
            implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.remove(menu.apply(cuisineId).getId(), by);
        }
    }

    record ClearCart(long tableId,
            @Size(min = 1, max = MAX_REQUEST_ID, message = "requestId must be 1 to 64 characters") String requestId)
            implements CartChange {

        @Override
        public void applyTo(Cart cart, LongFunction<Cuisine> menu, Diner by, int maxPerLine) {
            cart.clear(by);
        }
    }
}
