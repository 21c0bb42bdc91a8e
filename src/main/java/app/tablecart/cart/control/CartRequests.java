package app.tablecart.cart.control;

import app.tablecart.cart.entity.Cart;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import app.tablecart.platform.Text;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Reads cart changes from JSON, for REST bodies and WebSocket messages alike, with an exact message for each wrong
 * field. Types and text are checked here (a quantity of 1.5 or "2" is refused, not rounded or coerced; a request id
 * or remark by the rules of {@link Text}); quantities against the cart by the cart.
 */
public final class CartRequests {

    private CartRequests() {}

    public static CartChange add(long tableId, JsonObject data) {
        JsonObject fields = required(data);
        long cuisineId = cuisineId(fields);
        int quantity = quantity(fields);
        Cart.requirePositive(quantity);
        return new CartChange.AddItem(
                tableId,
                cuisineId,
                quantity,
                Text.prose(JsonFields.text(fields, "remark"), "remark", CartChange.MAX_REMARK),
                requestId(fields));
    }

    public static CartChange update(long tableId, JsonObject data) {
        JsonObject fields = required(data);
        long cuisineId = cuisineId(fields);
        int quantity = quantity(fields);
        Cart.requireNotNegative(quantity);
        return new CartChange.UpdateQuantity(tableId, cuisineId, quantity, requestId(fields));
    }

    public static CartChange remove(long tableId, JsonObject data) {
        JsonObject fields = required(data);
        return new CartChange.RemoveItem(tableId, cuisineId(fields), requestId(fields));
    }

    public static CartChange clear(long tableId, JsonObject data) {
        return new CartChange.ClearCart(tableId, data == null ? null : requestId(data));
    }

    /** A REST body: it must be a JSON object. */
    public static JsonObject body(JsonValue body) {
        return JsonFields.object(body);
    }

    /** The table named in a REST body. */
    public static long tableId(JsonObject body) {
        return Ids.parse(body.get("tableId"), "table");
    }

    private static JsonObject required(JsonObject data) {
        if (data == null) {
            throw ApiException.badRequest("the request has no data");
        }
        return data;
    }

    private static long cuisineId(JsonObject fields) {
        return Ids.parse(fields.get("cuisineId"), "cuisine");
    }

    private static int quantity(JsonObject fields) {
        JsonValue value = fields.get("quantity");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("quantity is required");
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw ApiException.badRequest("quantity must be a whole number");
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException tooBig) {
            throw ApiException.badRequest("quantity is out of range");
        }
    }

    private static String requestId(JsonObject fields) {
        return Text.identifier(JsonFields.text(fields, "requestId"), "requestId", CartChange.MAX_REQUEST_ID);
    }
}
