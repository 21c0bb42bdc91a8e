package app.tablecart.it.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/** Reading and checking CartDTO JSON (the same shape on REST, SSE and WebSocket). */
public final class Carts {

    public static final List<String> CART_FIELDS =
            List.of("tableId", "tableNumber", "storeId", "items", "totalAmount", "totalQuantity", "version", "notice");
    public static final List<String> ITEM_FIELDS = List.of(
            "cuisineId",
            "cuisineName",
            "cuisineType",
            "cuisineImage",
            "unitPrice",
            "quantity",
            "subtotalAmount",
            "addUserId",
            "addUserPhone",
            "remark");
    public static final List<String> NOTICE_FIELDS = List.of("userId", "nickname", "action", "cuisineId", "quantity");

    private Carts() {}

    public static long version(JsonObject cart) {
        return Jsons.longValue(cart, "version");
    }

    public static List<JsonObject> items(JsonObject cart) {
        return cart.getJsonArray("items").getValuesAs(JsonObject.class);
    }

    public static Optional<JsonObject> line(JsonObject cart, long cuisineId) {
        return items(cart).stream()
                .filter(i -> Jsons.longValue(i, "cuisineId") == cuisineId)
                .findFirst();
    }

    /** The quantity of the cuisine's line, 0 when there is none. */
    public static int quantity(JsonObject cart, long cuisineId) {
        return line(cart, cuisineId).map(i -> i.getInt("quantity")).orElse(0);
    }

    public static List<Long> cuisineIds(JsonObject cart) {
        return items(cart).stream().map(i -> Jsons.longValue(i, "cuisineId")).toList();
    }

    /**
     * Field names present and the arithmetic right: subtotal = unitPrice × quantity, totals are the sums, all
     * amounts with scale 2.
     */
    public static void assertWellFormed(JsonObject cart) {
        for (String field : CART_FIELDS) {
            assertTrue(cart.containsKey(field), () -> "CartDTO has no '" + field + "': " + cart);
        }
        BigDecimal total = BigDecimal.ZERO;
        int quantity = 0;
        for (JsonObject item : items(cart)) {
            for (String field : ITEM_FIELDS) {
                assertTrue(item.containsKey(field), () -> "cart item has no '" + field + "': " + item);
            }
            BigDecimal unitPrice = Jsons.decimal(item, "unitPrice");
            BigDecimal subtotal = Jsons.decimal(item, "subtotalAmount");
            int q = item.getInt("quantity");
            assertAll(
                    "item " + item,
                    () -> assertEquals(2, unitPrice.scale(), "unitPrice scale"),
                    () -> assertEquals(2, subtotal.scale(), "subtotalAmount scale"),
                    () -> assertTrue(q > 0, "quantity > 0"),
                    () -> assertEquals(
                            unitPrice.multiply(BigDecimal.valueOf(q)),
                            subtotal,
                            "subtotalAmount = unitPrice × quantity"));
            total = total.add(subtotal);
            quantity += q;
        }
        BigDecimal expectedTotal = total.setScale(2);
        int expectedQuantity = quantity;
        BigDecimal totalAmount = Jsons.decimal(cart, "totalAmount");
        assertAll(
                "cart totals " + cart,
                () -> assertEquals(expectedTotal, totalAmount, "totalAmount = Σ subtotalAmount (scale 2)"),
                () -> assertEquals(expectedQuantity, cart.getInt("totalQuantity"), "totalQuantity = Σ quantity"));
        JsonValue notice = cart.get("notice");
        if (notice instanceof JsonObject n) {
            for (String field : NOTICE_FIELDS) {
                assertTrue(n.containsKey(field), () -> "notice has no '" + field + "': " + n);
            }
        }
    }

    /** The same committed cart: version, items and totals. */
    public static void assertSameCart(JsonObject expected, JsonObject actual, String where) {
        assertAll(
                where,
                () -> assertEquals(version(expected), version(actual), "version"),
                () -> assertEquals(expected.getJsonArray("items"), actual.getJsonArray("items"), "items"),
                () -> assertEquals(
                        Jsons.decimal(expected, "totalAmount"), Jsons.decimal(actual, "totalAmount"), "totalAmount"),
                () -> assertEquals(expected.getInt("totalQuantity"), actual.getInt("totalQuantity"), "totalQuantity"));
    }

    /**
     * Asserts that {@code received} is exactly {@code from, from+1, ..., to}; on failure names the missing, repeated
     * or out-of-order versions instead of printing both lists.
     */
    public static void assertEveryVersion(long from, long to, List<Long> received, String what) {
        List<Long> problems = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        long previous = Long.MIN_VALUE;
        for (long version : received) {
            if (version <= previous || !seen.add(version)) {
                problems.add(version);
            }
            previous = Math.max(previous, version);
        }
        List<Long> missing = LongStream.rangeClosed(from, to)
                .filter(v -> !seen.contains(v))
                .boxed()
                .limit(20)
                .toList();
        List<Long> foreign =
                seen.stream().filter(v -> v < from || v > to).sorted().limit(20).toList();
        if (!missing.isEmpty() || !problems.isEmpty() || !foreign.isEmpty()) {
            throw new AssertionError(what + ": expected every version " + from + ".." + to + " once, in order; "
                    + received.size() + " received; missing " + missing + ", out of order or repeated "
                    + problems + ", outside the range " + foreign);
        }
    }

    /** The notice of the change that produced this version. */
    public static JsonObject notice(JsonObject cart) {
        return cart.getJsonObject("notice");
    }

    public static JsonArray itemsArray(JsonObject cart) {
        return cart.getJsonArray("items");
    }
}
