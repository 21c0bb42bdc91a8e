package app.tablecart.it;

import static app.tablecart.it.support.Answers.assertAnswer;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Answers.data;
import static app.tablecart.it.support.Answers.type;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Answers;
import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * What the order tests share: the demo stores' staff and menus, tables by test, and the clients and checks of orders,
 * boards and tables. Orders accumulate in the run's database across the order classes: a count a board shows is read
 * from the REST list.
 */
abstract class OrderTests extends ServerIT {

    static final Duration WAIT = Duration.ofSeconds(10);
    /** Messages per second a test socket sends at most: half the server's limit. */
    static final int PACE = TestDatabase.WS_RATE_LIMIT / 2;

    static final List<String> OPEN = List.of("SUBMITTED", "ACCEPTED", "SERVED");
    static final List<String> STATUSES = List.of("SUBMITTED", "ACCEPTED", "SERVED", "PAID", "REJECTED");
    static final List<String> ORDER_FIELDS = List.of(
            "orderNo",
            "storeId",
            "tableId",
            "tableNumber",
            "status",
            "items",
            "totalAmount",
            "totalQuantity",
            "submittedBy",
            "rejectReason",
            "createdAt",
            "updatedAt");
    static final List<String> ORDER_ITEM_FIELDS = List.of(
            "cuisineId",
            "cuisineName",
            "cuisineType",
            "unitPrice",
            "quantity",
            "subtotalAmount",
            "addUserId",
            "remark");

    // store 1 (tables 1..20)
    static final int REST_TABLE = 1;
    static final int WS_TABLE = 2;
    static final int EMPTY_TABLE = 3;
    static final int RACE_TABLE = 4;
    static final int BOARD_TABLE = 5;
    static final int STATUS_TABLE = 6;
    static final int LIST_TABLE = 8;
    static final int SOLD_OUT_SSE_TABLE = 9;
    static final int SOLD_OUT_WS_TABLE = 10;
    static final int SAME_KEY_TABLE = 11;
    static final int AUTH_TABLE = 12;
    // store 2 (tables 21..40)
    static final int OTHER_STORE_TABLE = 21;
    static final int SOLD_OUT_OTHER_STORE_TABLE = 28;
    static final int[] BURST_TABLES = {29, 30, 31, 32, 35, 36, 37, 38};
    static final int BURST_ORDERS = 1000;

    /** A dish of store 1 that the other tests leave alone: the sold-out test takes it off and puts it back. */
    static final int SOLD_OUT_INDEX = 20;

    Api staff1;
    Api staff2;
    Menu menu1;
    Menu menu2;

    @BeforeEach
    void signInTheStaff() {
        staff1 = tokens.staffApi(1);
        staff2 = tokens.staffApi(2);
        menu1 = Menu.of(staff1, 1);
        menu2 = Menu.of(staff2, 2);
    }

    // ---- helpers: clients ----------------------------------------------------------------------------------------

    SseClient joinSse(int table, String nickname) {
        return track(server.sse(table, tokens.diner(table, nickname))).joined(WAIT);
    }

    WsClient joinWs(int table, String nickname) {
        return track(server.ws(table, tokens.diner(table, nickname)))
                .paced(PACE)
                .joined(WAIT);
    }

    /** The store's board as its staff sees it over SSE, after {@code connected} (the greeting is next). */
    SseClient joinBoardSse(int storeId, Token.Via via) {
        SseClient sse = track(server.boardSse(storeId, tokens.staff(storeId), via));
        if (sse.status() != 200) {
            throw new AssertionError("store " + storeId + "'s board stream answered " + sse.response());
        }
        sse.next("connected", WAIT);
        return sse;
    }

    /** The store's board as its staff sees it over a WebSocket, after {@code connected} (the greeting is next). */
    WsClient joinBoardWs(int storeId, Token.Via via) {
        WsClient ws = track(server.boardWs(storeId, tokens.staff(storeId), via)).paced(PACE);
        ws.next("connected", WAIT);
        return ws;
    }

    /** A refused board socket: an error with the status, then close 1008. */
    void assertBoardSocketRefused(Token token, Token.Via via, int status, String who) {
        WsClient ws = track(server.boardWs(1, token, via));
        assertWsError(ws.next(WAIT), null, status, who + " on store 1's board socket, token in the " + via);
        assertEquals(1008, ws.awaitClose(WAIT).code(), who + ": close code, token in the " + via);
    }

    /** A board or a table client, SSE or WebSocket alike: (type, data) pairs. */
    record Board(
            String name,
            Supplier<List<Map.Entry<String, JsonObject>>> received,
            BiConsumer<String, Predicate<List<Map.Entry<String, JsonObject>>>> waiter) {

        static Board of(SseClient sse) {
            return new Board(
                    "SSE " + Integer.toHexString(System.identityHashCode(sse)),
                    () -> sse.events().all().stream()
                            .filter(e -> e.data().startsWith("{"))
                            .map(e -> Map.entry(e.name(), e.json()))
                            .toList(),
                    (what, condition) -> sse.events()
                            .awaitAll(
                                    what,
                                    all -> condition.test(all.stream()
                                            .filter(e -> e.data().startsWith("{"))
                                            .map(e -> Map.entry(e.name(), e.json()))
                                            .toList()),
                                    WAIT));
        }

        static Board of(WsClient ws) {
            return new Board(
                    "WebSocket " + Integer.toHexString(System.identityHashCode(ws)),
                    () -> ws.messages().all().stream()
                            .filter(m -> m.get("data") instanceof JsonObject)
                            .map(m -> Map.entry(type(m), m.getJsonObject("data")))
                            .toList(),
                    (what, condition) -> ws.messages()
                            .awaitAll(
                                    what,
                                    all -> condition.test(all.stream()
                                            .filter(m -> m.get("data") instanceof JsonObject)
                                            .map(m -> Map.entry(type(m), m.getJsonObject("data")))
                                            .toList()),
                                    WAIT));
        }

        /** The data of the first event of this type about the order (board events carry it in "order"). */
        JsonObject await(String type, JsonObject order) {
            String no = orderNo(order);
            Predicate<Map.Entry<String, JsonObject>> match = e -> e.getKey().equals(type)
                    && no.equals(orderNo(
                            e.getValue().containsKey("order") ? e.getValue().getJsonObject("order") : e.getValue()));
            waiter.accept(
                    name + ": " + type + " of order " + no, all -> all.stream().anyMatch(match));
            return received.get().stream()
                    .filter(match)
                    .findFirst()
                    .orElseThrow()
                    .getValue();
        }

        /** Waits for an event of this type about the order in this status; returns its data. */
        JsonObject awaitStatus(String type, String orderNo, String status) {
            Predicate<Map.Entry<String, JsonObject>> match = e -> e.getKey().equals(type)
                    && orderNo.equals(orderNo(orderOf(e.getValue())))
                    && status.equals(orderOf(e.getValue()).getString("status", null));
            waiter.accept(
                    name + ": " + type + " " + orderNo + " " + status,
                    all -> all.stream().anyMatch(match));
            return received.get().stream()
                    .filter(match)
                    .findFirst()
                    .orElseThrow()
                    .getValue();
        }

        /** The statuses of the order_status events about the order, in arrival order. */
        List<String> statusesOf(String orderNo) {
            return received.get().stream()
                    .filter(e -> e.getKey().equals("order_status"))
                    .map(e -> orderOf(e.getValue()))
                    .filter(o -> orderNo.equals(orderNo(o)))
                    .map(o -> o.getString("status"))
                    .toList();
        }

        /** The distinct storeIds of the orders in events of this type. */
        List<Integer> storesOf(String type) {
            return received.get().stream()
                    .filter(e -> e.getKey().equals(type))
                    .map(e -> orderOf(e.getValue()).getInt("storeId"))
                    .distinct()
                    .toList();
        }

        private static JsonObject orderOf(JsonObject data) {
            return data.containsKey("order") && data.get("order") instanceof JsonObject o ? o : data;
        }
    }

    // ---- helpers: orders -----------------------------------------------------------------------------------------

    /** Adds a line to the table as this diner (or staff), then submits the cart with a new key (201). */
    JsonObject order(Token who, int table, long cuisineId, int quantity) {
        return order(server.api(who), table, cuisineId, quantity);
    }

    JsonObject order(Api api, int table, long cuisineId, int quantity) {
        api.add(table, cuisineId, quantity).ok();
        Api.Response created = api.submit(table, "order-" + UUID.randomUUID());
        assertAnswer(created, 201, "submitting table " + table);
        JsonObject order = created.data().asJsonObject();
        assertWellFormedOrder(order);
        return order;
    }

    /** A legal change over REST: 200 with the order in its new status, pushed to the table and the boards. */
    void assertChanged(Api.Response answer, JsonObject order, String status, List<Board> watchers, List<Board> boards) {
        assertAnswer(answer, 200, orderNo(order) + " -> " + status);
        JsonObject changed = answer.data().asJsonObject();
        assertWellFormedOrder(changed);
        assertEquals(status, changed.getString("status"), "the answer's status");
        assertSameOrderIgnoringStatus(order, changed);
        assertPushed(changed, total(1, "SUBMITTED"), watchers, boards);
    }

    /** order_status with the order reaches every client of the table, and {orderSum, order} every board. */
    static void assertPushed(JsonObject changed, long unprocessed, List<Board> watchers, List<Board> boards) {
        String no = orderNo(changed);
        String status = changed.getString("status");
        List<Executable> checks = new ArrayList<>();
        for (Board watcher : watchers) {
            checks.add(() -> assertSameOrder(
                    changed,
                    watcher.awaitStatus("order_status", no, status),
                    watcher.name() + " at the table: order_status " + status));
        }
        for (Board board : boards) {
            checks.add(() -> {
                JsonObject news = board.awaitStatus("order_status", no, status);
                assertEquals(unprocessed, Jsons.longValue(news, "orderSum"), board.name() + ": orderSum " + news);
                assertSameOrder(changed, news.getJsonObject("order"), board.name() + ": order_status " + status);
            });
        }
        assertAll(no + " -> " + status + " pushed", checks.stream());
    }

    static void assertNewOrder(JsonObject news, JsonObject order, long orderSum, String where) {
        assertAll(
                where + ": new_order " + news,
                () -> assertEquals(orderSum, Jsons.longValue(news, "orderSum"), "orderSum"),
                () -> assertFalse(news.getString("msg", "").isBlank(), "a msg"),
                () -> assertSameOrder(order, news.getJsonObject("order"), "the order"));
    }

    static void assertGreeting(JsonObject greeting, int storeId, long orderSum, List<String> open, String where) {
        List<JsonObject> orders = greeting.getJsonArray("orders").getValuesAs(JsonObject.class);
        List<String> numbers = orders.stream().map(OrderTests::orderNo).toList();
        assertAll(
                where + ": " + abbreviate(greeting.toString()),
                () -> assertEquals(orderSum, Jsons.longValue(greeting, "orderSum"), "orderSum = SUBMITTED orders"),
                () -> assertFalse(greeting.getString("msg", "").isBlank(), "a msg"),
                () -> assertEquals(new HashSet<>(open), new HashSet<>(numbers), "the open orders"),
                () -> assertEquals(numbers.size(), new HashSet<>(numbers).size(), "each once"),
                () -> assertTrue(orders.stream().allMatch(o -> o.getInt("storeId") == storeId), "all of the store"),
                () -> assertTrue(orders.stream().allMatch(o -> OPEN.contains(o.getString("status"))), "all open"),
                () -> assertOldestFirst(orders),
                () -> assertTrue(greeting.get("tables") instanceof jakarta.json.JsonArray, "a tables array"));
    }

    static void assertOldestFirst(List<JsonObject> orders) {
        for (int i = 1; i < orders.size(); i++) {
            assertFalse(
                    instant(orders.get(i), "createdAt").isBefore(instant(orders.get(i - 1), "createdAt")),
                    "oldest first at " + i + ": " + orderNo(orders.get(i - 1)) + " then " + orderNo(orders.get(i)));
        }
    }

    static void assertNewestFirst(List<JsonObject> orders) {
        for (int i = 1; i < orders.size(); i++) {
            assertFalse(
                    instant(orders.get(i), "createdAt").isAfter(instant(orders.get(i - 1), "createdAt")),
                    "newest first at " + i + ": " + orderNo(orders.get(i - 1)) + " then " + orderNo(orders.get(i)));
        }
    }

    /** Every page of the store's orders (with this status, or all), size 100. */
    List<JsonObject> listAll(int storeId, String status) {
        Api staff = storeId == 1 ? staff1 : staff2;
        List<JsonObject> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonObject slice =
                    staff.orders(storeId, status, page, 100).ok().data().asJsonObject();
            List<JsonObject> items = slice.getJsonArray("items").getValuesAs(JsonObject.class);
            all.addAll(items);
            if (items.isEmpty() || all.size() >= Jsons.longValue(slice, "total")) {
                return all;
            }
        }
    }

    /** The number of the store's orders in this status, as the list says. */
    long total(int storeId, String status) {
        Api staff = storeId == 1 ? staff1 : staff2;
        return Jsons.longValue(staff.orders(storeId, status, 0, 1).ok().data().asJsonObject(), "total");
    }

    static String orderNo(JsonObject order) {
        JsonValue value = order.get("orderNo");
        if (!(value instanceof JsonString s)) {
            throw new AssertionError("orderNo is not a JSON string: " + order);
        }
        return s.getString();
    }

    static int quantityIn(JsonObject order, long cuisineId) {
        return order.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> Jsons.longValue(i, "cuisineId") == cuisineId)
                .mapToInt(i -> i.getInt("quantity"))
                .sum();
    }

    static List<Long> orderCuisines(JsonObject order) {
        return order.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(i -> Jsons.longValue(i, "cuisineId"))
                .toList();
    }

    /** Fields present, orderNo a string of digits, a known status, the arithmetic right, timestamps ISO-8601. */
    static void assertWellFormedOrder(JsonObject order) {
        for (String field : ORDER_FIELDS) {
            assertTrue(order.containsKey(field), () -> "OrderDTO has no '" + field + "': " + order);
        }
        BigDecimal total = BigDecimal.ZERO;
        int quantity = 0;
        for (JsonObject item : order.getJsonArray("items").getValuesAs(JsonObject.class)) {
            for (String field : ORDER_ITEM_FIELDS) {
                assertTrue(item.containsKey(field), () -> "order item has no '" + field + "': " + item);
            }
            BigDecimal unitPrice = Jsons.decimal(item, "unitPrice");
            BigDecimal subtotal = Jsons.decimal(item, "subtotalAmount");
            int q = item.getInt("quantity");
            assertTrue(q > 0, "quantity > 0: " + item);
            assertEquals(
                    0,
                    unitPrice.multiply(BigDecimal.valueOf(q)).compareTo(subtotal),
                    "subtotalAmount = unitPrice × quantity: " + item);
            total = total.add(subtotal);
            quantity += q;
        }
        BigDecimal sum = total;
        int count = quantity;
        JsonObject submittedBy = order.getJsonObject("submittedBy");
        assertAll(
                "OrderDTO " + order,
                () -> assertTrue(orderNo(order).matches("\\d+"), "orderNo is a string of digits"),
                () -> assertTrue(STATUSES.contains(order.getString("status")), "a known status"),
                () -> assertFalse(order.getJsonArray("items").isEmpty(), "at least one line"),
                () -> assertEquals(0, sum.compareTo(Jsons.decimal(order, "totalAmount")), "totalAmount = Σ subtotal"),
                () -> assertEquals(count, order.getInt("totalQuantity"), "totalQuantity = Σ quantity"),
                () -> assertTrue(submittedBy.get("userId") instanceof JsonNumber, "submittedBy.userId"),
                () -> assertFalse(submittedBy.getString("nickname", "").isBlank(), "submittedBy.nickname"),
                () -> instant(order, "createdAt"),
                () -> instant(order, "updatedAt"));
    }

    static Instant instant(JsonObject order, String field) {
        String text = order.getString(field, null);
        if (text == null) {
            throw new AssertionError(field + " is not a string: " + order);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new AssertionError(field + " is not an ISO-8601 timestamp: " + text, e);
            }
        }
    }

    /** orderNo = the submitter's userId, 13 digits of epoch milliseconds, 4 digits. */
    static void assertOrderNo(JsonObject order, Long submitterId) {
        if (submitterId == null) {
            throw new AssertionError("the test does not know the submitter's user id");
        }
        long now = System.currentTimeMillis();
        String problem = orderNoProblem(orderNo(order), submitterId, now - 600_000, now);
        if (problem != null) {
            throw new AssertionError("orderNo " + orderNo(order) + ": " + problem);
        }
    }

    /**
     * Null when {@code no} is the submitter's id, then 13 digits of epoch milliseconds no earlier than
     * {@code from} - 1 min and no later than {@code to} + 1 min (the same clock), then 4 digits.
     */
    static String orderNoProblem(String no, long submitterId, long from, long to) {
        if (!Pattern.matches("^" + submitterId + "\\d{13}\\d{4}$", no)) {
            return "does not match ^" + submitterId + "\\d{13}\\d{4}$";
        }
        String prefix = String.valueOf(submitterId);
        long millis = Long.parseLong(no.substring(prefix.length(), prefix.length() + 13));
        if (millis < from - 60_000 || millis > to + 60_000) {
            return "the 13 digits " + millis + " are not the epoch milliseconds of the submit ("
                    + Instant.ofEpochMilli(millis) + ")";
        }
        return null;
    }

    /** The order is what the cart was: the same lines (name, type, price, quantity, who added) and totals. */
    static void assertOrderOfCart(JsonObject order, JsonObject cart) {
        Map<Long, JsonObject> lines = new LinkedHashMap<>();
        for (JsonObject item : order.getJsonArray("items").getValuesAs(JsonObject.class)) {
            lines.put(Jsons.longValue(item, "cuisineId"), item);
        }
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(Carts.cuisineIds(cart), List.copyOf(lines.keySet()), "the dishes"));
        checks.add(() -> assertEquals(
                0, Jsons.decimal(cart, "totalAmount").compareTo(Jsons.decimal(order, "totalAmount")), "totalAmount"));
        checks.add(() -> assertEquals(cart.getInt("totalQuantity"), order.getInt("totalQuantity"), "totalQuantity"));
        for (JsonObject line : Carts.items(cart)) {
            long id = Jsons.longValue(line, "cuisineId");
            checks.add(() -> {
                JsonObject item = lines.get(id);
                assertTrue(item != null, "no order line for cuisine " + id);
                assertAll(
                        "order line of cuisine " + id + ": " + item + " from " + line,
                        () -> assertEquals(line.getString("cuisineName"), item.getString("cuisineName")),
                        () -> assertEquals(line.getInt("cuisineType"), item.getInt("cuisineType")),
                        () -> assertEquals(
                                0,
                                Jsons.decimal(line, "unitPrice").compareTo(Jsons.decimal(item, "unitPrice")),
                                "unitPrice"),
                        () -> assertEquals(line.getInt("quantity"), item.getInt("quantity")),
                        () -> assertEquals(
                                0,
                                Jsons.decimal(line, "subtotalAmount").compareTo(Jsons.decimal(item, "subtotalAmount")),
                                "subtotalAmount"),
                        () -> assertEquals(Jsons.longValue(line, "addUserId"), Jsons.longValue(item, "addUserId")),
                        () -> assertEquals(line.get("remark"), item.get("remark"), "remark"));
            });
        }
        assertAll("the order of cart version " + version(cart), checks.stream());
    }

    static void assertSameOrder(JsonObject expected, JsonObject actual, String where) {
        assertSameOrderIgnoringStatus(expected, actual, where);
        assertAll(
                where,
                () -> assertEquals(expected.getString("status"), actual.getString("status"), "status"),
                () -> assertEquals(expected.get("rejectReason"), actual.get("rejectReason"), "rejectReason"));
    }

    static void assertSameOrderIgnoringStatus(JsonObject expected, JsonObject actual) {
        assertSameOrderIgnoringStatus(expected, actual, "the same order");
    }

    static void assertSameOrderIgnoringStatus(JsonObject expected, JsonObject actual, String where) {
        assertAll(
                where + ": expected " + expected + ", got " + actual,
                () -> assertEquals(orderNo(expected), orderNo(actual), "orderNo"),
                () -> assertEquals(expected.getInt("storeId"), actual.getInt("storeId"), "storeId"),
                () -> assertEquals(expected.getInt("tableId"), actual.getInt("tableId"), "tableId"),
                () -> assertEquals(expected.getString("tableNumber"), actual.getString("tableNumber"), "tableNumber"),
                () -> assertEquals(expected.getJsonArray("items"), actual.getJsonArray("items"), "items"),
                () -> assertEquals(
                        0,
                        Jsons.decimal(expected, "totalAmount").compareTo(Jsons.decimal(actual, "totalAmount")),
                        "totalAmount"),
                () -> assertEquals(expected.getInt("totalQuantity"), actual.getInt("totalQuantity"), "totalQuantity"),
                () -> assertEquals(
                        expected.getJsonObject("submittedBy"), actual.getJsonObject("submittedBy"), "submittedBy"),
                () -> assertEquals(instant(expected, "createdAt"), instant(actual, "createdAt"), "createdAt"));
    }

    // ---- helpers: live events ------------------------------------------------------------------------------------

    /**
     * Waits for order_submitted with this order and the empty cart_update of this version, and asserts that the order
     * came first; returns the order_submitted data.
     */
    static JsonObject assertOrderThenEmptyCart(WsClient ws, String orderNo, long version) {
        Predicate<JsonObject> order =
                m -> "order_submitted".equals(type(m)) && orderNo.equals(data(m).getString("orderNo", null));
        Predicate<JsonObject> cart = m -> "cart_update".equals(type(m)) && hasVersion(data(m), version);
        ws.messages()
                .awaitAll(
                        "order_submitted " + orderNo + " and the cart_update of version " + version,
                        all -> all.stream().anyMatch(order) && all.stream().anyMatch(cart),
                        WAIT);
        List<JsonObject> all = ws.messages().all();
        int o = indexOf(all, order);
        int c = indexOf(all, cart);
        assertTrue(o < c, "order_submitted (#" + o + ") before the emptied cart (#" + c + "): " + types(all));
        assertTrue(Carts.items(data(all.get(c))).isEmpty(), "the cart_update after the order is empty: " + all.get(c));
        return data(all.get(o));
    }

    static JsonObject assertOrderThenEmptyCart(SseClient sse, String orderNo, long version) {
        Predicate<SseClient.Event> order = e ->
                e.name().equals("order_submitted") && orderNo.equals(e.json().getString("orderNo", null));
        Predicate<SseClient.Event> cart = e -> e.isCartUpdate() && e.version() == version;
        sse.events()
                .awaitAll(
                        "order_submitted " + orderNo + " and the cart_update of version " + version,
                        all -> all.stream().anyMatch(order) && all.stream().anyMatch(cart),
                        WAIT);
        List<SseClient.Event> all = sse.events().all();
        int o = indexOf(all, order);
        int c = indexOf(all, cart);
        assertTrue(
                o < c,
                "order_submitted (#" + o + ") before the emptied cart (#" + c + "): "
                        + all.stream().map(SseClient.Event::name).toList());
        assertTrue(Carts.items(all.get(c).json()).isEmpty(), "the cart_update after the order is empty");
        return all.get(o).json();
    }

    /** Waits until a message of this type whose data matches has arrived (wherever the cursor is); returns it. */
    static JsonObject awaitWs(WsClient ws, String type, Predicate<JsonObject> data) {
        Predicate<JsonObject> match =
                m -> type.equals(type(m)) && m.get("data") instanceof JsonObject d && data.test(d);
        ws.messages().awaitAll(type, all -> all.stream().anyMatch(match), WAIT);
        return ws.messages().last(match).orElseThrow();
    }

    static SseClient.Event awaitSse(SseClient sse, String what, Predicate<SseClient.Event> match) {
        sse.events().awaitAll(what, all -> all.stream().anyMatch(match), WAIT);
        return sse.events().last(match).orElseThrow();
    }

    static <T> int indexOf(List<T> all, Predicate<T> match) {
        for (int i = 0; i < all.size(); i++) {
            if (match.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static long count(WsClient ws, String type) {
        return count(ws.messages().all(), type);
    }

    static long count(List<JsonObject> all, String type) {
        return all.stream().filter(m -> type.equals(type(m))).count();
    }

    static List<String> types(List<JsonObject> all) {
        return all.stream().map(Answers::type).toList();
    }

    static boolean hasVersion(JsonObject cart, long version) {
        return cart.get("version") instanceof JsonNumber n && n.longValue() == version;
    }

    // ---- helpers: putting things back ------------------------------------------------------------------------------

    /**
     * Puts the sold-out test's dishes back (each call is made, whatever the others did); a failure here is added to
     * the test's own failure instead of hiding it.
     */
    @SafeVarargs
    static void restoreAvailability(Throwable failed, Supplier<Api.Response>... calls) {
        AssertionError problem = null;
        for (Supplier<Api.Response> call : calls) {
            try {
                Api.Response answer = call.get();
                if (answer.status() != 200) {
                    throw new AssertionError("restoring availability failed (later IT classes would see a sold-out "
                            + "dish): " + answer);
                }
            } catch (AssertionError e) {
                if (problem == null) {
                    problem = e;
                } else {
                    problem.addSuppressed(e);
                }
            }
        }
        if (problem != null) {
            if (failed != null) {
                failed.addSuppressed(problem);
            } else {
                throw problem;
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...(" + text.length() + " chars)";
    }
}
