package app.tablecart.it;

import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.version;
import static app.tablecart.it.support.Answers.assertAnswer;
import static app.tablecart.it.support.Answers.assertRefused;
import static app.tablecart.it.support.Answers.assertSocketAnswers;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Answers.data;
import static app.tablecart.it.support.Answers.type;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Answers;
import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Deployments;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.Server;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.Tokens;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 4, orders: submitting a table's cart over REST and WebSocket (idempotent, atomic with concurrent changes,
 * refused when empty or holding a sold-out dish), the store's live order board (greeting, new orders with the count of
 * unprocessed ones, scoped to its store and its staff), status changes legal and illegal and where they are pushed,
 * the paged order list, order numbers under a burst, and dishes that sell out. Each test uses its own tables and starts
 * from cleared carts; the order count a board shows is read from the REST list, since every test of this class adds
 * orders to the same database. The burst runs last, on store 2's tables, so that it does not swell the other tests'
 * boards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Messages per second a test socket sends at most: half the server's limit. */
    private static final int PACE = TestDatabase.WS_RATE_LIMIT / 2;
    private static final List<String> OPEN = List.of("SUBMITTED", "ACCEPTED", "SERVED");
    private static final List<String> STATUSES = List.of("SUBMITTED", "ACCEPTED", "SERVED", "PAID", "REJECTED");
    private static final List<String> ORDER_FIELDS = List.of("orderNo", "storeId", "tableId", "tableNumber", "status",
            "items", "totalAmount", "totalQuantity", "submittedBy", "rejectReason", "createdAt", "updatedAt");
    private static final List<String> ORDER_ITEM_FIELDS = List.of("cuisineId", "cuisineName", "cuisineType",
            "unitPrice", "quantity", "subtotalAmount", "addUserId", "remark");

    // store 1 (tables 1..20)
    private static final int REST_TABLE = 1;
    private static final int WS_TABLE = 2;
    private static final int EMPTY_TABLE = 3;
    private static final int RACE_TABLE = 4;
    private static final int BOARD_TABLE = 5;
    private static final int STATUS_TABLE = 6;
    private static final int LIST_TABLE = 8;
    private static final int SOLD_OUT_SSE_TABLE = 9;
    private static final int SOLD_OUT_WS_TABLE = 10;
    private static final int SAME_KEY_TABLE = 11;
    private static final int AUTH_TABLE = 12;
    // store 2 (tables 21..40)
    private static final int OTHER_STORE_TABLE = 21;
    private static final int SOLD_OUT_OTHER_STORE_TABLE = 28;
    private static final int[] BURST_TABLES = {29, 30, 31, 32, 35, 36, 37, 38};
    private static final int BURST_ORDERS = 1000;

    /** A dish of store 1 that the other tests leave alone: the sold-out test takes it off and puts it back. */
    private static final int SOLD_OUT_INDEX = 20;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    Server server;
    Tokens tokens;
    Api staff1;
    Api staff2;
    Menu menu1;
    Menu menu2;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void connect() {
        server = Deployments.server(deployed).awaitReady(Duration.ofSeconds(60));
        tokens = server.tokens();
        staff1 = tokens.staffApi(1);
        staff2 = tokens.staffApi(2);
        menu1 = Menu.of(staff1, 1);
        menu2 = Menu.of(staff2, 2);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
    }

    // ---- submit --------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void aRestSubmitOrdersTheCartOnceAndTheTableSeesTheOrderThenTheEmptyCart() {
        int t = REST_TABLE;
        staff1.clear(t).ok();
        Token alice = tokens.diner(t, "Alice");
        Token bob = tokens.diner(t, "Bob");
        server.api(alice).add(t, menu1.id(0), 2, "mild", null).ok();
        JsonObject before = server.api(bob).add(t, menu1.id(1), 1).ok().cart();
        SseClient sse = joinSse(t, "Watcher");
        WsClient ws = joinWs(t, "Carol");
        long unprocessed = total(1, "SUBMITTED");
        String key = "rest-" + UUID.randomUUID();

        Api.Response created = server.api(alice).submit(t, key);
        assertAnswer(created, 201, "the first submit");
        JsonObject order = created.data().asJsonObject();
        assertWellFormedOrder(order);
        assertAll("the new order " + order,
                () -> assertOrderNo(order, alice.userId()),
                () -> assertEquals(1, order.getInt("storeId")),
                () -> assertEquals(t, order.getInt("tableId")),
                () -> assertEquals(tokens.table(t).getString("number"), order.getString("tableNumber")),
                () -> assertEquals("SUBMITTED", order.getString("status")),
                () -> assertEquals(alice.userId(), Jsons.longValue(order.getJsonObject("submittedBy"), "userId")),
                () -> assertEquals("Alice", order.getJsonObject("submittedBy").getString("nickname")),
                () -> assertTrue(Jsons.isNull(order, "rejectReason"), "rejectReason null"));
        assertOrderOfCart(order, before);

        JsonObject emptied = staff1.cart(t);
        assertAll("the cart after the submit " + emptied,
                () -> assertTrue(Carts.items(emptied).isEmpty(), "emptied"),
                () -> assertEquals(0, emptied.getInt("totalQuantity")),
                () -> assertEquals(version(before) + 1, version(emptied), "one new version"));
        assertSameOrder(order, assertOrderThenEmptyCart(sse, orderNo(order), version(emptied)), "SSE order_submitted");
        assertSameOrder(order, assertOrderThenEmptyCart(ws, orderNo(order), version(emptied)),
                "WebSocket order_submitted");

        Api.Response again = server.api(alice).submit(t, key);
        Api.Response byBob = server.api(bob).submit(t, key);
        assertAnswer(again, 200, "the same key again");
        assertAnswer(byBob, 200, "the same key from another diner of the table");
        assertSameOrder(order, again.data().asJsonObject(), "the repeated submit's order");
        assertSameOrder(order, byBob.data().asJsonObject(), "the repeated submit's order (Bob)");
        assertEquals(unprocessed + 1, total(1, "SUBMITTED"), "one order, not three");
        assertSameCart(emptied, staff1.cart(t), "a repeated submit leaves the cart alone");

        long marker = version(server.api(bob).add(t, menu1.id(2), 1).ok().cart());
        sse.awaitVersion(marker, WAIT);
        ws.awaitCart("cart_update", marker, WAIT);
        assertEquals(1, sse.events().all().stream().filter(e -> e.name().equals("order_submitted")).count(),
                "one order_submitted on the stream: " + sse.events().all());
        assertEquals(1, ws.types().stream().filter("order_submitted"::equals).count(),
                "one order_submitted on the socket: " + ws.types());

        // The key is the table's: the same key at another table is another submission.
        staff1.clear(SAME_KEY_TABLE).ok();
        tokens.dinerApi(SAME_KEY_TABLE, "Alice").add(SAME_KEY_TABLE, menu1.id(0), 1).ok();
        Api.Response elsewhere = tokens.dinerApi(SAME_KEY_TABLE, "Alice").submit(SAME_KEY_TABLE, key);
        assertAnswer(elsewhere, 201, "the same key at another table");
        JsonObject other = elsewhere.data().asJsonObject();
        assertAll("the other table's order " + other,
                () -> assertNotEquals(orderNo(order), orderNo(other)),
                () -> assertEquals(SAME_KEY_TABLE, other.getInt("tableId")));
    }

    @Test
    @Order(2)
    void aWebSocketSubmitAnswersTheSenderAndEveryClientOfTheTableAndItsErrorsKeepTheSocketOpen() {
        int t = WS_TABLE;
        staff1.clear(t).ok();
        Token dan = tokens.diner(t, "Dan");
        WsClient danWs = joinWs(t, "Dan");
        WsClient erinWs = joinWs(t, "Erin");
        SseClient sse = joinSse(t, "Watcher");
        danWs.send("add_item", Jsons.object("cuisineId", menu1.id(3), "quantity", 2));
        danWs.next("add_item_success", WAIT);
        JsonObject before = tokens.dinerApi(t, "Erin").add(t, menu1.id(4), 1).ok().cart();
        long unprocessed = total(1, "SUBMITTED");
        String key = "ws-" + UUID.randomUUID();

        danWs.send("submit_order", Jsons.object("idempotencyKey", key));
        JsonObject order = awaitWs(danWs, "submit_order_success", m -> true).getJsonObject("data");
        assertWellFormedOrder(order);
        assertAll("the order from the socket " + order,
                () -> assertOrderNo(order, dan.userId()),
                () -> assertEquals(t, order.getInt("tableId")),
                () -> assertEquals("SUBMITTED", order.getString("status")),
                () -> assertEquals(dan.userId(), Jsons.longValue(order.getJsonObject("submittedBy"), "userId")),
                () -> assertEquals("Dan", order.getJsonObject("submittedBy").getString("nickname")));
        assertOrderOfCart(order, before);
        long emptied = version(before) + 1;
        assertSameOrder(order, assertOrderThenEmptyCart(danWs, orderNo(order), emptied), "the sender's socket");
        assertSameOrder(order, assertOrderThenEmptyCart(erinWs, orderNo(order), emptied), "another diner's socket");
        assertSameOrder(order, assertOrderThenEmptyCart(sse, orderNo(order), emptied), "the table's stream");
        assertTrue(Carts.items(staff1.cart(t)).isEmpty(), "GET cart: emptied");

        danWs.messages().skipAll();
        danWs.send("submit_order", Jsons.object("idempotencyKey", key));
        assertSameOrder(order, danWs.next("submit_order_success", WAIT).getJsonObject("data"),
                "the same key again over the socket");
        Api.Response overRest = tokens.dinerApi(t, "Erin").submit(t, key);
        assertAnswer(overRest, 200, "the socket's key over REST");
        assertSameOrder(order, overRest.data().asJsonObject(), "the socket's key over REST");

        record Bad(String name, JsonObject message, String code, int status) {
        }
        List<Bad> bad = List.of(
                new Bad("an empty cart", Jsons.object("type", "submit_order", "data",
                        Jsons.object("idempotencyKey", "ws-" + UUID.randomUUID())), "cart_empty", 409),
                new Bad("no data", Jsons.object("type", "submit_order"), "bad_request", 400),
                new Bad("no idempotencyKey", Jsons.object("type", "submit_order", "data", Jsons.object()),
                        "bad_request", 400),
                new Bad("a blank idempotencyKey", Jsons.object("type", "submit_order", "data",
                        Jsons.object("idempotencyKey", "  ")), "bad_request", 400),
                new Bad("an idempotencyKey of 65 characters", Jsons.object("type", "submit_order", "data",
                        Jsons.object("idempotencyKey", "k".repeat(65))), "bad_request", 400));
        for (Bad input : bad) {
            danWs.messages().skipAll();
            danWs.send(input.message());
            assertWsError(danWs.next("error", WAIT), input.code(), input.status(), input.name());
            assertSocketAnswers(danWs, input.name(), WAIT);
        }
        assertEquals(unprocessed + 1, total(1, "SUBMITTED"), "one order in all");

        long marker = version(tokens.dinerApi(t, "Erin").add(t, menu1.id(5), 1).ok().cart());
        erinWs.awaitCart("cart_update", marker, WAIT);
        sse.awaitVersion(marker, WAIT);
        assertEquals(1, erinWs.types().stream().filter("order_submitted"::equals).count(),
                "one order_submitted: " + erinWs.types());
        assertEquals(1, sse.events().all().stream().filter(e -> e.name().equals("order_submitted")).count(),
                "one order_submitted on the stream");
    }

    @Test
    @Order(3)
    void anEmptyCartIsRefusedWith409AndABadKeyWith400AndNeitherChangesAnything() {
        int t = EMPTY_TABLE;
        Api fay = tokens.dinerApi(t, "Fay");
        staff1.clear(t).ok();
        long unprocessed = total(1, "SUBMITTED");
        assertRefused(fay.submit(t, "empty-" + UUID.randomUUID()), 409, "an empty cart");
        assertRefused(staff1.submit(t, "empty-" + UUID.randomUUID()), 409, "an empty cart, submitted by staff");

        JsonObject cart = fay.add(t, menu1.id(5), 1).ok().cart();
        String body = Jsons.object("tableId", t, "idempotencyKey", "k").toString();
        assertAll("bad submits of a cart with a line",
                () -> assertRefused(fay.submit(t, null), 400, "no idempotencyKey"),
                () -> assertRefused(fay.submit(t, ""), 400, "an empty idempotencyKey"),
                () -> assertRefused(fay.submit(t, "   "), 400, "a blank idempotencyKey"),
                () -> assertRefused(fay.submit(t, "k".repeat(65)), 400, "an idempotencyKey of 65 characters"),
                () -> assertRefused(fay.submit(t, "k\u0000" + UUID.randomUUID()), 400, "a NUL in the idempotencyKey"),
                () -> assertRefused(fay.post("api/store/order/submit", body.substring(0, body.length() - 3)), 400,
                        "malformed JSON"),
                () -> assertRefused(tokens.dinerApi(REST_TABLE, "Alice").submit(t, "k-" + UUID.randomUUID()), 403,
                        "a diner of another table"),
                () -> assertRefused(staff2.submit(t, "k-" + UUID.randomUUID()), 403, "staff of another store"),
                () -> assertRefused(server.api().submit(t, "k-" + UUID.randomUUID()), 401, "no token"));
        assertSameCart(cart, staff1.cart(t), "the cart after the refused submits");
        assertEquals(unprocessed, total(1, "SUBMITTED"), "no order from refused submits");

        String key64 = ("k" + UUID.randomUUID() + UUID.randomUUID()).replace("-", "").substring(0, 64);
        assertEquals(64, key64.length());
        Api.Response created = fay.submit(t, key64);
        assertAnswer(created, 201, "an idempotencyKey of 64 characters");
        // The key is checked before the cart: the cart is empty now, yet the key answers its order.
        Api.Response repeated = fay.submit(t, key64);
        assertAnswer(repeated, 200, "the key again, on the emptied cart");
        assertSameOrder(created.data().asJsonObject(), repeated.data().asJsonObject(), "the repeated key");
        assertRefused(fay.submit(t, "new-" + UUID.randomUUID()), 409, "a new key on the emptied cart");
        assertEquals(unprocessed + 1, total(1, "SUBMITTED"));
    }

    @Test
    @Order(4)
    void aSubmitRacingWithConcurrentAddsLosesNothingAndCountsNothingTwice() throws Exception {
        int t = RACE_TABLE;
        int perKind = 5;
        int addsEach = 2;
        int rounds = 3;
        long seed = menu1.id(0);
        staff1.clear(t).ok();
        SseClient observer = joinSse(t, "Watcher");
        List<Api> rest = new ArrayList<>();
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            rest.add(tokens.dinerApi(t, "Rest" + i));
            sockets.add(joinWs(t, "Socket" + i));
        }
        Api submitter = tokens.dinerApi(t, "Submitter");

        for (int round = 0; round < rounds; round++) {
            staff1.clear(t).ok();
            staff1.add(t, seed, 1).ok();
            long unprocessed = total(1, "SUBMITTED");
            Map<Long, Integer> added = new LinkedHashMap<>();
            added.put(seed, 1);
            int adds = perKind * 2 * addsEach;
            CountDownLatch start = new CountDownLatch(1);
            CountDownLatch halfway = new CountDownLatch(adds / 2);
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            List<Callable<Object>> work = new ArrayList<>();
            List<Long> successesBefore = new ArrayList<>();
            for (int i = 0; i < perKind; i++) {
                Api api = rest.get(i);
                long cuisine = menu1.id(1 + i % 3);
                added.merge(cuisine, addsEach, Integer::sum);
                work.add(() -> {
                    start.await();
                    for (int n = 0; n < addsEach; n++) {
                        Api.Response response = api.add(t, cuisine, 1);
                        if (response.status() != 200) {
                            failures.add(response.toString());
                        }
                        halfway.countDown();
                    }
                    return null;
                });
            }
            for (int i = 0; i < perKind; i++) {
                WsClient socket = sockets.get(i);
                successesBefore.add(count(socket, "add_item_success"));
                long cuisine = menu1.id(2 + i % 3);
                added.merge(cuisine, addsEach, Integer::sum);
                work.add(() -> {
                    start.await();
                    for (int n = 0; n < addsEach; n++) {
                        socket.send("add_item", Jsons.object("cuisineId", cuisine, "quantity", 1));
                        halfway.countDown();
                    }
                    return null;
                });
            }
            String key = "race-" + round + "-" + UUID.randomUUID();
            work.add(() -> {
                start.await();
                halfway.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return submitter.submit(t, key);
            });
            ExecutorService pool = Executors.newFixedThreadPool(work.size());
            List<Future<Object>> running = new ArrayList<>();
            Object submitAnswer;
            try {
                for (Callable<Object> task : work) {
                    running.add(pool.submit(task));
                }
                start.countDown();
                for (Future<Object> task : running) {
                    task.get(60, TimeUnit.SECONDS);
                }
                submitAnswer = running.get(running.size() - 1).get();
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < perKind; i++) {
                WsClient socket = sockets.get(i);
                long expected = successesBefore.get(i) + addsEach;
                socket.messages().awaitAll(expected + " add_item_success in all",
                        all -> count(all, "add_item_success") >= expected || count(all, "error") > 0, WAIT);
            }

            int r = round;
            Api.Response submitted = (Api.Response) submitAnswer;
            assertAnswer(submitted, 201, "round " + r + ": the racing submit");
            JsonObject order = submitted.data().asJsonObject();
            assertWellFormedOrder(order);
            JsonObject cart = staff1.cart(t);
            Carts.assertWellFormed(cart);
            List<Executable> checks = new ArrayList<>();
            checks.add(() -> assertEquals(List.of(), failures, "every REST add answered 200"));
            for (WsClient socket : sockets) {
                checks.add(() -> assertEquals(0, count(socket.messages().all(), "error"), "no socket error: "
                        + socket.messages().all().stream().filter(m -> "error".equals(type(m))).toList()));
            }
            for (Map.Entry<Long, Integer> line : added.entrySet()) {
                checks.add(() -> assertEquals(line.getValue(), quantityIn(order, line.getKey())
                        + Carts.quantity(cart, line.getKey()), "cuisine " + line.getKey()
                        + ": quantity in the order + quantity left in the cart = quantity added"));
            }
            checks.add(() -> assertEquals(adds + 1, order.getInt("totalQuantity") + cart.getInt("totalQuantity"),
                    "all quantities: order + cart = added"));
            checks.add(() -> assertTrue(added.keySet().containsAll(orderCuisines(order)),
                    "no other dish in the order"));
            checks.add(() -> assertTrue(added.keySet().containsAll(Carts.cuisineIds(cart)),
                    "no other dish in the cart"));
            checks.add(() -> assertEquals(unprocessed + 1, total(1, "SUBMITTED"), "exactly one new order"));
            assertAll("round " + r + ": order " + order + "; cart afterwards " + cart, checks.stream());

            awaitSse(observer, "order_submitted " + orderNo(order),
                    e -> e.name().equals("order_submitted") && orderNo(order).equals(e.json().getString("orderNo")));
            assertSameCart(cart, observer.awaitVersion(version(cart), WAIT).json(),
                    "round " + r + ": the observer's last cart");
        }
    }

    // ---- the staff's board ---------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void theBoardOfStore1GreetsWithItsOpenOrdersThenCountsEachNewOrderAndNeverSeesStore2s() {
        int t1 = BOARD_TABLE;
        int t2 = OTHER_STORE_TABLE;
        staff1.clear(t1).ok();
        staff2.clear(t2).ok();
        long unprocessed1 = total(1, "SUBMITTED");
        long unprocessed2 = total(2, "SUBMITTED");
        List<String> open = new ArrayList<>();
        for (String status : OPEN) {
            listAll(1, status).forEach(o -> open.add(orderNo(o)));
        }

        SseClient sse1 = joinBoardSse(1, Token.Via.HEADER);
        JsonObject sseGreeting = sse1.next("order_board", WAIT).json();
        WsClient ws1 = joinBoardWs(1, Token.Via.QUERY);
        JsonObject wsGreeting = data(ws1.next("order_board", WAIT));
        SseClient sse2 = joinBoardSse(2, Token.Via.QUERY);
        sse2.next("order_board", WAIT);
        WsClient ws2 = joinBoardWs(2, Token.Via.HEADER);
        ws2.next("order_board", WAIT);
        assertGreeting(sseGreeting, 1, unprocessed1, open, "the SSE board's greeting");
        assertGreeting(wsGreeting, 1, unprocessed1, open, "the WebSocket board's greeting");

        Token hana = tokens.diner(t1, "Hana");
        Token ivo = tokens.diner(t2, "Ivo");
        JsonObject o2a = order(ivo, t2, menu2.id(0), 1);
        JsonObject o1a = order(hana, t1, menu1.id(0), 2);
        JsonObject o1b = order(hana, t1, menu1.id(1), 1);
        JsonObject o2b = order(ivo, t2, menu2.id(1), 1);

        List<Executable> checks = new ArrayList<>();
        for (Board board : List.of(Board.of(sse1), Board.of(ws1))) {
            checks.add(() -> assertNewOrder(board.await("new_order", o1a), o1a, unprocessed1 + 1, board.name()));
            checks.add(() -> assertNewOrder(board.await("new_order", o1b), o1b, unprocessed1 + 2, board.name()));
        }
        for (Board board : List.of(Board.of(sse2), Board.of(ws2))) {
            checks.add(() -> assertNewOrder(board.await("new_order", o2a), o2a, unprocessed2 + 1, board.name()));
            checks.add(() -> assertNewOrder(board.await("new_order", o2b), o2b, unprocessed2 + 2, board.name()));
        }
        assertAll("new_order on the boards", checks.stream());
        // o1b reached store 1's boards after o2a was published, o2b store 2's after o1a and o1b.
        assertAll("no board sees another store's order",
                () -> assertEquals(List.of(1), Board.of(sse1).storesOf("new_order"), "store 1's SSE board"),
                () -> assertEquals(List.of(1), Board.of(ws1).storesOf("new_order"), "store 1's WebSocket board"),
                () -> assertEquals(List.of(2), Board.of(sse2).storesOf("new_order"), "store 2's SSE board"),
                () -> assertEquals(List.of(2), Board.of(ws2).storesOf("new_order"), "store 2's WebSocket board"));

        assertEquals(unprocessed1 + 2, total(1, "SUBMITTED"));
        open.add(orderNo(o1a));
        open.add(orderNo(o1b));
        WsClient late = joinBoardWs(1, Token.Via.QUERY);
        JsonObject lateGreeting = data(late.next("order_board", WAIT));
        assertGreeting(lateGreeting, 1, unprocessed1 + 2, open, "a board connecting afterwards");
        List<JsonObject> orders = lateGreeting.getJsonArray("orders").getValuesAs(JsonObject.class);
        assertEquals(List.of(orderNo(o1a), orderNo(o1b)), orders.subList(orders.size() - 2, orders.size()).stream()
                .map(OrderIT::orderNo).toList(), "the newest open orders come last (oldest first)");
    }

    @Test
    @Order(6)
    void onlyTheStoresOwnStaffMayWatchItsBoardListItsOrdersOrChangeThem() {
        int t = AUTH_TABLE;
        staff1.clear(t).ok();
        Token jon = tokens.diner(t, "Jon");
        Token ivo = tokens.diner(OTHER_STORE_TABLE, "Ivo");
        Token other = tokens.staff(2);
        JsonObject order = order(jon, t, menu1.id(0), 1);
        String no = orderNo(order);

        List<Executable> checks = new ArrayList<>();
        for (Token.Via via : Token.Via.values()) {
            checks.add(() -> assertRefused(track(server.boardSse(1, other, via)).response(), 403,
                    "store 2's staff on store 1's SSE board, token in the " + via));
            checks.add(() -> assertRefused(track(server.boardSse(1, jon, via)).response(), 403,
                    "a diner of store 1 on its SSE board, token in the " + via));
            checks.add(() -> assertBoardSocketRefused(other, via, 403, "store 2's staff"));
            checks.add(() -> assertBoardSocketRefused(jon, via, 403, "a diner of store 1"));
        }
        checks.add(() -> assertRefused(track(server.boardSse(1, ivo, Token.Via.HEADER)).response(), 403,
                "a diner of store 2 on store 1's SSE board"));
        checks.add(() -> assertRefused(track(server.boardSse(1, null, Token.Via.HEADER)).response(), 401,
                "no token on the SSE board"));
        checks.add(() -> assertBoardSocketRefused(null, Token.Via.QUERY, 401, "no token"));
        checks.add(() -> assertRefused(server.api(other).orders(1, null, null, null), 403, "store 2 lists store 1"));
        checks.add(() -> assertRefused(server.api(jon).orders(1, null, null, null), 403, "a diner lists orders"));
        checks.add(() -> assertRefused(server.api().orders(1, null, null, null), 401, "listing without a token"));
        checks.add(() -> assertRefused(server.api(other).setStatus(1, no, "ACCEPTED", null), 403,
                "store 2 accepts store 1's order"));
        checks.add(() -> assertRefused(server.api(other).setStatus(2, no, "ACCEPTED", null), 404,
                "store 2 accepts store 1's order on its own path"));
        checks.add(() -> assertRefused(server.api(jon).setStatus(1, no, "ACCEPTED", null), 403,
                "a diner accepts an order"));
        checks.add(() -> assertRefused(server.api().setStatus(1, no, "ACCEPTED", null), 401, "no token"));
        assertAll("access to store 1's board and orders", checks.stream());

        JsonObject listed = listAll(1, null).stream().filter(o -> no.equals(orderNo(o))).findFirst()
                .orElseThrow(() -> new AssertionError("order " + no + " is not listed"));
        assertEquals("SUBMITTED", listed.getString("status"), "the refused changes changed nothing");
        assertEquals(200, track(server.boardSse(1, tokens.staff(1), Token.Via.QUERY)).status(),
                "store 1's staff may watch");
    }

    // ---- status --------------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void legalStatusChangesReachTheTableAndTheBoardAndIllegalOnesAreRefusedWithoutATrace() {
        int t = STATUS_TABLE;
        staff1.clear(t).ok();
        Token gus = tokens.diner(t, "Gus");
        SseClient tableSse = joinSse(t, "Watcher");
        WsClient tableWs = joinWs(t, "Gus");
        SseClient boardSse = joinBoardSse(1, Token.Via.HEADER);
        boardSse.next("order_board", WAIT);
        WsClient boardWs = joinBoardWs(1, Token.Via.QUERY);
        boardWs.next("order_board", WAIT);
        List<Board> watchers = List.of(Board.of(tableSse), Board.of(tableWs));
        List<Board> boards = List.of(Board.of(boardSse), Board.of(boardWs));

        // A: SUBMITTED -> ACCEPTED (REST) -> SERVED (board socket) -> PAID (REST)
        JsonObject a = order(gus, t, menu1.id(0), 1);
        String noA = orderNo(a);
        assertChanged(staff1.setStatus(1, noA, "ACCEPTED", null), a, "ACCEPTED", watchers, boards);
        boardWs.messages().skipAll();
        boardWs.send("update_status", Jsons.object("orderNo", noA, "status", "SERVED", "reason", JsonValue.NULL));
        JsonObject served = boardWs.next("update_status_success", WAIT).getJsonObject("data");
        assertEquals("SERVED", served.getString("status"), "update_status_success " + served);
        assertSameOrderIgnoringStatus(a, served);
        assertPushed(served, total(1, "SUBMITTED"), watchers, boards);
        assertChanged(staff1.setStatus(1, noA, "PAID", null), a, "PAID", watchers, boards);

        // B: SUBMITTED -> REJECTED with a reason
        JsonObject b = order(gus, t, menu1.id(1), 1);
        String noB = orderNo(b);
        // C: SUBMITTED -> ACCEPTED -> REJECTED with a reason
        JsonObject c = order(staff1, t, menu1.id(2), 1);
        assertOrderNo(c, tokens.staff(1).userId());
        String noC = orderNo(c);

        assertAll("illegal changes",
                () -> assertRefused(staff1.setStatus(1, noA, "ACCEPTED", null), 409, "PAID -> ACCEPTED"),
                () -> assertRefused(staff1.setStatus(1, noA, "SERVED", null), 409, "PAID -> SERVED"),
                () -> assertRefused(staff1.setStatus(1, noA, "SUBMITTED", null), 409, "PAID -> SUBMITTED"),
                () -> assertRefused(staff1.setStatus(1, noA, "PAID", null), 409, "PAID -> PAID"),
                () -> assertRefused(staff1.setStatus(1, noA, "REJECTED", "too late"), 409, "PAID -> REJECTED"),
                () -> assertRefused(staff1.setStatus(1, noB, "SERVED", null), 409, "SUBMITTED -> SERVED"),
                () -> assertRefused(staff1.setStatus(1, noB, "PAID", null), 409, "SUBMITTED -> PAID"),
                () -> assertRefused(staff1.setStatus(1, noB, "SUBMITTED", null), 409, "SUBMITTED -> SUBMITTED"),
                () -> assertRefused(staff1.setStatus(1, noB, "REJECTED", null), 400, "REJECTED without a reason"),
                () -> assertRefused(staff1.setStatus(1, noB, "REJECTED", "   "), 400, "REJECTED with a blank reason"),
                () -> assertRefused(staff1.setStatus(1, noB, "REJECTED", "out\u0000of fish"), 400,
                        "REJECTED with a NUL in the reason"),
                () -> assertRefused(staff1.setStatus(1, noB, "COOKED", null), 400, "an unknown status"),
                () -> assertRefused(staff1.setStatus(1, noB, null, null), 400, "no status"),
                () -> assertRefused(staff1.setStatus(1, "9" + noB, "ACCEPTED", null), 404, "an unknown order"));
        boardWs.messages().skipAll();
        boardWs.send("update_status", Jsons.object("orderNo", noA, "status", "ACCEPTED"));
        assertWsError(boardWs.next("error", WAIT), null, 409, "update_status PAID -> ACCEPTED on the board socket");
        boardWs.send("update_status", Jsons.object("orderNo", noB, "status", "REJECTED"));
        assertWsError(boardWs.next("error", WAIT), null, 400,
                "update_status REJECTED without a reason on the board socket");
        boardWs.send("update_status", Jsons.object("orderNo", noB + "\u0000", "status", "ACCEPTED"));
        assertWsError(boardWs.next("error", WAIT), null, 400, "update_status with a NUL in the order number");

        Api.Response rejected = staff1.setStatus(1, noB, "REJECTED", "out of fish");
        assertChanged(rejected, b, "REJECTED", watchers, boards);
        assertEquals("out of fish", rejected.data().asJsonObject().getString("rejectReason"), "the reason");
        assertRefused(staff1.setStatus(1, noB, "ACCEPTED", null), 409, "REJECTED -> ACCEPTED");
        assertChanged(staff1.setStatus(1, noC, "ACCEPTED", null), c, "ACCEPTED", watchers, boards);
        assertChanged(staff1.setStatus(1, noC, "REJECTED", "kitchen closed"), c, "REJECTED", watchers, boards);

        // The last legal change has arrived everywhere: the refused ones would have arrived before it.
        Map<String, List<String>> legal = Map.of(noA, List.of("ACCEPTED", "SERVED", "PAID"),
                noB, List.of("REJECTED"), noC, List.of("ACCEPTED", "REJECTED"));
        List<Executable> checks = new ArrayList<>();
        for (Board client : List.of(watchers.get(0), watchers.get(1), boards.get(0), boards.get(1))) {
            legal.forEach((no, statuses) -> checks.add(() -> assertEquals(statuses, client.statusesOf(no),
                    client.name() + ": the order_status events of " + no)));
        }
        assertAll("only legal changes were pushed", checks.stream());
        JsonObject listedB = listAll(1, "REJECTED").stream().filter(o -> noB.equals(orderNo(o))).findFirst()
                .orElseThrow(() -> new AssertionError(noB + " is not listed as REJECTED"));
        assertEquals("out of fish", listedB.getString("rejectReason"));
        assertTrue(listAll(1, "PAID").stream().anyMatch(o -> noA.equals(orderNo(o))), noA + " is listed as PAID");
    }

    @Test
    @Order(8)
    void theOrderListFiltersByStatusAndPagesNewestFirst() {
        int t = LIST_TABLE;
        staff1.clear(t).ok();
        Token kai = tokens.diner(t, "Kai");
        JsonObject first = order(kai, t, menu1.id(0), 1);
        JsonObject second = order(kai, t, menu1.id(1), 2);
        JsonObject third = order(kai, t, menu1.id(2), 3);
        staff1.setStatus(1, orderNo(first), "ACCEPTED", null).ok();

        JsonObject page = staff1.orders(1, "SUBMITTED", 0, 100).ok().data().asJsonObject();
        List<JsonObject> submitted = page.getJsonArray("items").getValuesAs(JsonObject.class);
        long total = Jsons.longValue(page, "total");
        List<String> numbers = submitted.stream().map(OrderIT::orderNo).toList();
        assertAll("GET orders?status=SUBMITTED&page=0&size=100: " + page,
                () -> assertEquals(0, page.getInt("page")),
                () -> assertEquals(100, page.getInt("size")),
                () -> assertTrue(total <= 100, "inconclusive: more than 100 SUBMITTED orders in store 1: " + total),
                () -> assertEquals(total, submitted.size(), "every SUBMITTED order on one page"),
                () -> assertTrue(submitted.stream().allMatch(o -> "SUBMITTED".equals(o.getString("status"))),
                        "only SUBMITTED orders"),
                () -> assertTrue(submitted.stream().allMatch(o -> o.getInt("storeId") == 1), "only store 1's"),
                () -> assertTrue(numbers.containsAll(List.of(orderNo(second), orderNo(third))), "the new ones"),
                () -> assertFalse(numbers.contains(orderNo(first)), "not the accepted one"),
                () -> assertEquals(orderNo(third), numbers.get(0), "the newest first"),
                () -> assertEquals(orderNo(second), numbers.get(1), "then the one before"),
                () -> assertNewestFirst(submitted));
        submitted.forEach(OrderIT::assertWellFormedOrder);
        assertSameOrder(third, submitted.get(0), "the listed order");

        List<String> accepted = listAll(1, "ACCEPTED").stream().map(OrderIT::orderNo).toList();
        List<String> everything = listAll(1, null).stream().map(OrderIT::orderNo).toList();
        assertAll("other filters",
                () -> assertTrue(accepted.contains(orderNo(first)), "ACCEPTED lists the accepted order"),
                () -> assertFalse(accepted.contains(orderNo(third)), "ACCEPTED does not list a SUBMITTED one"),
                () -> assertTrue(everything.containsAll(List.of(orderNo(first), orderNo(second), orderNo(third))),
                        "no filter lists every status"));

        List<String> paged = new ArrayList<>();
        for (int p = 0; p * 2 < total; p++) {
            JsonObject slice = staff1.orders(1, "SUBMITTED", p, 2).ok().data().asJsonObject();
            int index = p;
            assertAll("page " + p + " of size 2: " + slice,
                    () -> assertEquals(index, slice.getInt("page")),
                    () -> assertEquals(2, slice.getInt("size")),
                    () -> assertEquals(total, Jsons.longValue(slice, "total")),
                    () -> assertEquals(Math.min(2, total - index * 2L), slice.getJsonArray("items").size()));
            slice.getJsonArray("items").getValuesAs(JsonObject.class).forEach(o -> paged.add(orderNo(o)));
        }
        assertEquals(numbers, paged, "pages of 2 concatenated = the single page");
        JsonObject beyond = staff1.orders(1, "SUBMITTED", (int) total, 1).ok().data().asJsonObject();
        assertTrue(beyond.getJsonArray("items").isEmpty(), "a page beyond the last is empty: " + beyond);
        JsonObject defaults = staff1.orders(1, "SUBMITTED", null, null).ok().data().asJsonObject();
        assertAll("defaults " + defaults,
                () -> assertEquals(0, defaults.getInt("page")),
                () -> assertEquals(20, defaults.getInt("size")));

        assertAll("bad list requests",
                () -> assertRefused(staff1.orders(1, "COOKED", null, null), 400, "an unknown status"),
                () -> assertRefused(staff1.orders(1, null, null, 0), 400, "size 0"),
                () -> assertRefused(staff1.orders(1, null, null, 101), 400, "size 101"),
                () -> assertRefused(staff1.orders(1, null, -1, null), 400, "page -1"));
        assertEquals(100, staff1.orders(1, null, 0, 100).ok().data().asJsonObject().getInt("size"), "size 100");
        JsonObject farBeyond = staff1.orders(1, null, Integer.MAX_VALUE, 100).ok().data().asJsonObject();
        assertAll("page " + Integer.MAX_VALUE + " of size 100: " + farBeyond,
                () -> assertTrue(farBeyond.getJsonArray("items").isEmpty(), "empty"),
                () -> assertEquals(Integer.MAX_VALUE, farBeyond.getInt("page")),
                () -> assertEquals(total(1, null), Jsons.longValue(farBeyond, "total"), "the total still counted"));
    }

    // ---- sold out ------------------------------------------------------------------------------------------------

    @Test
    @Order(9)
    void aSoldOutDishReachesEveryTableOfTheStoreAndBlocksAddingAndSubmittingUntilItIsBack() {
        long dish = menu1.id(SOLD_OUT_INDEX);
        String dishName = menu1.name(SOLD_OUT_INDEX);
        long other = menu1.id(0);
        long foreign = menu2.id(0);
        int t = SOLD_OUT_SSE_TABLE;
        int t2 = SOLD_OUT_WS_TABLE;
        int away = SOLD_OUT_OTHER_STORE_TABLE;
        Api lin = tokens.dinerApi(t, "Lin");
        Throwable failed = null;
        try {
            staff1.clear(t).ok();
            staff1.clear(t2).ok();
            staff2.clear(away).ok();
            lin.add(t, dish, 2).ok();
            JsonObject before = lin.add(t, other, 1).ok().cart();
            assertEquals(JsonValue.TRUE, Carts.line(before, dish).orElseThrow().get("available"),
                    "CartItemDTO.available of an available dish: " + before);
            staff1.add(t2, other, 1).ok();
            SseClient sse = joinSse(t, "Watcher");
            WsClient linWs = joinWs(t, "Lin");
            WsClient ws2 = joinWs(t2, "Mo");
            SseClient awaySse = joinSse(away, "Watcher");
            WsClient awayWs = joinWs(away, "Nil");
            SseClient board = joinBoardSse(1, Token.Via.HEADER);
            board.next("order_board", WAIT);
            long unprocessed = total(1, "SUBMITTED");

            assertAll("refused availability changes",
                    () -> assertRefused(lin.setAvailable(1, dish, false), 403, "a diner"),
                    () -> assertRefused(staff2.setAvailable(1, dish, false), 403, "staff of another store"),
                    () -> assertRefused(staff1.setAvailable(1, dish, "no"), 400, "available not a boolean"),
                    () -> assertRefused(staff1.setAvailable(1, foreign, false), 404, "another store's dish"));
            assertSameCart(before, staff1.cart(t), "the cart after refused changes");

            Api.Response soldOut = staff1.setAvailable(1, dish, false).ok();
            JsonObject cuisine = soldOut.data().asJsonObject();
            assertAll("the answer " + cuisine,
                    () -> assertEquals(dish, Jsons.longValue(cuisine, "id")),
                    () -> assertEquals(1, cuisine.getInt("storeId")),
                    () -> assertEquals(dishName, cuisine.getString("name")),
                    () -> assertFalse(cuisine.getBoolean("available")));
            Predicate<JsonObject> soldOutDish = c -> Jsons.longValue(c, "id") == dish
                    && JsonValue.FALSE.equals(c.get("available"));
            awaitSse(sse, "menu_update of the sold-out dish",
                    e -> e.name().equals("menu_update") && soldOutDish.test(e.json()));
            awaitWs(ws2, "menu_update", soldOutDish);
            awaitWs(linWs, "menu_update", soldOutDish);
            awaitSse(board, "menu_update of the sold-out dish on the board",
                    e -> e.name().equals("menu_update") && soldOutDish.test(e.json()));
            Predicate<JsonObject> flagged = c -> Carts.line(c, dish)
                    .map(l -> JsonValue.FALSE.equals(l.get("available"))).orElse(false);
            JsonObject flaggedCart = awaitSse(sse, "cart_update with the line unavailable",
                    e -> e.isCartUpdate() && flagged.test(e.json())).json();
            awaitWs(linWs, "cart_update", flagged);
            JsonObject now = staff1.cart(t);
            assertAll("the cart holding the sold-out dish " + now,
                    () -> assertEquals(JsonValue.FALSE, Carts.line(now, dish).orElseThrow().get("available"),
                            "flagged"),
                    () -> assertEquals(JsonValue.TRUE, Carts.line(now, other).orElseThrow().get("available"),
                            "the other line is not"),
                    () -> assertEquals(version(flaggedCart), version(now), "GET agrees with the pushed cart"),
                    () -> assertEquals(Carts.items(before).size(), Carts.items(now).size(), "the lines stay"));

            long marker = version(staff2.add(away, menu2.id(1), 1).ok().cart());
            awaySse.awaitVersion(marker, WAIT);
            awayWs.awaitCart("cart_update", marker, WAIT);
            assertAll("store 2's table",
                    () -> assertTrue(awaySse.events().all().stream().noneMatch(e -> e.name().equals("menu_update")),
                            "no menu_update on store 2's stream: " + awaySse.events().all()),
                    () -> assertFalse(awayWs.types().contains("menu_update"), "no menu_update on store 2's socket"));

            assertRefused(lin.add(t, dish, 1), 409, "adding the sold-out dish");
            assertRefused(staff1.add(t2, dish, 1), 409, "adding the sold-out dish to another table");
            ws2.messages().skipAll();
            ws2.send("add_item", Jsons.object("cuisineId", dish, "quantity", 1));
            assertWsError(ws2.next("error", WAIT), null, 409, "add_item of the sold-out dish");

            String key = "sold-out-" + UUID.randomUUID();
            Api.Response refused = lin.submit(t, key);
            assertRefused(refused, 409, "submitting a cart that holds the sold-out dish");
            assertTrue(refused.message().contains(dishName), "the refusal names " + dishName + ": " + refused);
            linWs.messages().skipAll();
            linWs.send("submit_order", Jsons.object("idempotencyKey", "sold-out-ws-" + UUID.randomUUID()));
            JsonObject wsRefusal = linWs.next("error", WAIT);
            assertWsError(wsRefusal, "dish_unavailable", 409, "submit_order of a cart holding the sold-out dish");
            assertTrue(wsRefusal.getString("message").contains(dishName), "the error names the dish: " + wsRefusal);
            assertSameCart(now, staff1.cart(t), "the cart after the refused submits");
            assertEquals(unprocessed, total(1, "SUBMITTED"), "no order");

            Api.Response back = staff1.setAvailable(1, dish, true).ok();
            assertTrue(back.data().asJsonObject().getBoolean("available"), "available again: " + back);
            Predicate<JsonObject> backDish = c -> Jsons.longValue(c, "id") == dish
                    && JsonValue.TRUE.equals(c.get("available"));
            awaitSse(sse, "menu_update of the dish back",
                    e -> e.name().equals("menu_update") && backDish.test(e.json()));
            awaitWs(ws2, "menu_update", backDish);

            // The refused submit left nothing behind, not even its key.
            Api.Response created = lin.submit(t, key);
            assertAnswer(created, 201, "the submit once the dish is back");
            JsonObject order = created.data().asJsonObject();
            assertAll("the order " + order,
                    () -> assertEquals(2, quantityIn(order, dish)),
                    () -> assertEquals(1, quantityIn(order, other)));
            assertTrue(Carts.items(staff1.cart(t)).isEmpty(), "the cart is emptied");
            awaitSse(sse, "order_submitted " + orderNo(order), e -> e.name().equals("order_submitted")
                    && orderNo(order).equals(e.json().getString("orderNo", null)));
            assertTrue(sse.events().all().stream().noneMatch(e -> e.name().equals("order_submitted")
                    && !orderNo(order).equals(e.json().getString("orderNo"))), "no other order reached the table");
        } catch (Throwable failure) {
            failed = failure;
            throw failure;
        } finally {
            // Every IT class of the run shares this database: the dishes must be back whatever happened here.
            restoreAvailability(failed, () -> staff1.setAvailable(1, dish, true),
                    () -> staff2.setAvailable(2, foreign, true));
        }
    }

    // ---- last: a burst -------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void aThousandSubmitsGetUniqueOrderNumbersOfTheSeedsFormAndAreAllListed() throws Exception {
        int perTable = BURST_ORDERS / BURST_TABLES.length;
        assertEquals(BURST_ORDERS, perTable * BURST_TABLES.length, "the burst divides evenly");
        List<Token> diners = new ArrayList<>();
        for (int t : BURST_TABLES) {
            staff2.clear(t).ok();
            diners.add(tokens.diner(t, "Burst"));
        }
        Queue<JsonObject> orders = new ConcurrentLinkedQueue<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        long from = System.currentTimeMillis();
        ExecutorService pool = Executors.newFixedThreadPool(BURST_TABLES.length);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < BURST_TABLES.length; i++) {
                int t = BURST_TABLES[i];
                Api api = server.api(diners.get(i));
                running.add(pool.submit(() -> {
                    for (int n = 0; n < perTable && failures.size() < 10; n++) {
                        Api.Response added = api.add(t, menu2.id(n % 5), 1);
                        if (added.status() != 200) {
                            failures.add(added.toString());
                            continue;
                        }
                        Api.Response submitted = api.submit(t, "burst-" + t + "-" + n + "-" + UUID.randomUUID());
                        if (submitted.status() != 201) {
                            failures.add(submitted.toString());
                            continue;
                        }
                        orders.add(submitted.data().asJsonObject());
                    }
                }));
            }
            for (Future<?> task : running) {
                task.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long to = System.currentTimeMillis();
        assertEquals(List.of(), List.copyOf(failures), "every add answered 200 and every submit 201");
        assertEquals(BURST_ORDERS, orders.size(), "orders created");

        Map<Integer, Long> submitterOfTable = new LinkedHashMap<>();
        for (int i = 0; i < BURST_TABLES.length; i++) {
            submitterOfTable.put(BURST_TABLES[i], diners.get(i).userId());
        }
        Set<String> unique = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (JsonObject order : orders) {
            String no = orderNo(order);
            if (!unique.add(no)) {
                repeated.add(no);
            }
            Long submitter = submitterOfTable.get(order.getInt("tableId"));
            if (submitter == null) {
                malformed.add(no + ": tableId " + order.getInt("tableId") + " is not a burst table");
                continue;
            }
            String problem = orderNoProblem(no, submitter, from, to);
            if (problem == null && Jsons.longValue(order.getJsonObject("submittedBy"), "userId") != submitter) {
                problem = "submittedBy is not the submitter " + submitter;
            }
            if (problem != null) {
                malformed.add(no + ": " + problem);
            }
        }
        assertAll(BURST_ORDERS + " order numbers",
                () -> assertEquals(List.of(), repeated, "repeated order numbers"),
                () -> assertEquals(BURST_ORDERS, unique.size(), "distinct order numbers"),
                () -> assertEquals(List.of(), malformed.stream().limit(20).toList(),
                        malformed.size() + " order numbers not of the form <userId><13-digit millis><4 digits>"));

        Set<String> listed = new HashSet<>();
        listAll(2, "SUBMITTED").forEach(o -> listed.add(orderNo(o)));
        List<String> missing = unique.stream().filter(no -> !listed.contains(no)).limit(20).toList();
        assertEquals(List.of(), missing, "burst orders not listed by GET orders?status=SUBMITTED");
        for (int t : BURST_TABLES) {
            assertTrue(Carts.items(staff2.cart(t)).isEmpty(), "table " + t + " ends with an empty cart");
        }
    }

    // ---- helpers: clients ----------------------------------------------------------------------------------------

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private SseClient joinSse(int table, String nickname) {
        return track(server.sse(table, tokens.diner(table, nickname))).joined(WAIT);
    }

    private WsClient joinWs(int table, String nickname) {
        return track(server.ws(table, tokens.diner(table, nickname))).paced(PACE).joined(WAIT);
    }

    /** The store's board as its staff sees it over SSE, after {@code connected} (the greeting is next). */
    private SseClient joinBoardSse(int storeId, Token.Via via) {
        SseClient sse = track(server.boardSse(storeId, tokens.staff(storeId), via));
        if (sse.status() != 200) {
            throw new AssertionError("store " + storeId + "'s board stream answered " + sse.response());
        }
        sse.next("connected", WAIT);
        return sse;
    }

    /** The store's board as its staff sees it over a WebSocket, after {@code connected} (the greeting is next). */
    private WsClient joinBoardWs(int storeId, Token.Via via) {
        WsClient ws = track(server.boardWs(storeId, tokens.staff(storeId), via)).paced(PACE);
        ws.next("connected", WAIT);
        return ws;
    }

    /** A refused board socket: an error with the status, then close 1008. */
    private void assertBoardSocketRefused(Token token, Token.Via via, int status, String who) {
        WsClient ws = track(server.boardWs(1, token, via));
        assertWsError(ws.next(WAIT), null, status, who + " on store 1's board socket, token in the " + via);
        assertEquals(1008, ws.awaitClose(WAIT).code(), who + ": close code, token in the " + via);
    }

    /** A board or a table client, SSE or WebSocket alike: (type, data) pairs. */
    private record Board(String name, Supplier<List<Map.Entry<String, JsonObject>>> received,
                         BiConsumer<String, Predicate<List<Map.Entry<String, JsonObject>>>> waiter) {

        static Board of(SseClient sse) {
            return new Board("SSE " + Integer.toHexString(System.identityHashCode(sse)), () -> sse.events().all()
                    .stream().filter(e -> e.data().startsWith("{"))
                    .map(e -> Map.entry(e.name(), e.json())).toList(),
                    (what, condition) -> sse.events().awaitAll(what, all -> condition.test(all.stream()
                            .filter(e -> e.data().startsWith("{")).map(e -> Map.entry(e.name(), e.json())).toList()),
                            WAIT));
        }

        static Board of(WsClient ws) {
            return new Board("WebSocket " + Integer.toHexString(System.identityHashCode(ws)), () -> ws.messages()
                    .all().stream().filter(m -> m.get("data") instanceof JsonObject)
                    .map(m -> Map.entry(type(m), m.getJsonObject("data"))).toList(),
                    (what, condition) -> ws.messages().awaitAll(what, all -> condition.test(all.stream()
                            .filter(m -> m.get("data") instanceof JsonObject)
                            .map(m -> Map.entry(type(m), m.getJsonObject("data"))).toList()), WAIT));
        }

        /** The data of the first event of this type about the order (board events carry it in "order"). */
        JsonObject await(String type, JsonObject order) {
            String no = orderNo(order);
            Predicate<Map.Entry<String, JsonObject>> match = e -> e.getKey().equals(type)
                    && no.equals(orderNo(e.getValue().containsKey("order") ? e.getValue().getJsonObject("order")
                    : e.getValue()));
            waiter.accept(name + ": " + type + " of order " + no, all -> all.stream().anyMatch(match));
            return received.get().stream().filter(match).findFirst().orElseThrow().getValue();
        }

        /** Waits for an event of this type about the order in this status; returns its data. */
        JsonObject awaitStatus(String type, String orderNo, String status) {
            Predicate<Map.Entry<String, JsonObject>> match = e -> e.getKey().equals(type)
                    && orderNo.equals(orderNo(orderOf(e.getValue())))
                    && status.equals(orderOf(e.getValue()).getString("status", null));
            waiter.accept(name + ": " + type + " " + orderNo + " " + status, all -> all.stream().anyMatch(match));
            return received.get().stream().filter(match).findFirst().orElseThrow().getValue();
        }

        /** The statuses of the order_status events about the order, in arrival order. */
        List<String> statusesOf(String orderNo) {
            return received.get().stream().filter(e -> e.getKey().equals("order_status"))
                    .map(e -> orderOf(e.getValue())).filter(o -> orderNo.equals(orderNo(o)))
                    .map(o -> o.getString("status")).toList();
        }

        /** The distinct storeIds of the orders in events of this type. */
        List<Integer> storesOf(String type) {
            return received.get().stream().filter(e -> e.getKey().equals(type))
                    .map(e -> orderOf(e.getValue()).getInt("storeId")).distinct().toList();
        }

        private static JsonObject orderOf(JsonObject data) {
            return data.containsKey("order") && data.get("order") instanceof JsonObject o ? o : data;
        }
    }

    // ---- helpers: orders -----------------------------------------------------------------------------------------

    /** Adds a line to the table as this diner (or staff), then submits the cart with a new key (201). */
    private JsonObject order(Token who, int table, long cuisineId, int quantity) {
        return order(server.api(who), table, cuisineId, quantity);
    }

    private JsonObject order(Api api, int table, long cuisineId, int quantity) {
        api.add(table, cuisineId, quantity).ok();
        Api.Response created = api.submit(table, "order-" + UUID.randomUUID());
        assertAnswer(created, 201, "submitting table " + table);
        JsonObject order = created.data().asJsonObject();
        assertWellFormedOrder(order);
        return order;
    }

    /** A legal change over REST: 200 with the order in its new status, pushed to the table and the boards. */
    private void assertChanged(Api.Response answer, JsonObject order, String status, List<Board> watchers,
                               List<Board> boards) {
        assertAnswer(answer, 200, orderNo(order) + " -> " + status);
        JsonObject changed = answer.data().asJsonObject();
        assertWellFormedOrder(changed);
        assertEquals(status, changed.getString("status"), "the answer's status");
        assertSameOrderIgnoringStatus(order, changed);
        assertPushed(changed, total(1, "SUBMITTED"), watchers, boards);
    }

    /** order_status with the order reaches every client of the table, and {orderSum, order} every board. */
    private static void assertPushed(JsonObject changed, long unprocessed, List<Board> watchers, List<Board> boards) {
        String no = orderNo(changed);
        String status = changed.getString("status");
        List<Executable> checks = new ArrayList<>();
        for (Board watcher : watchers) {
            checks.add(() -> assertSameOrder(changed, watcher.awaitStatus("order_status", no, status),
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

    private static void assertNewOrder(JsonObject news, JsonObject order, long orderSum, String where) {
        assertAll(where + ": new_order " + news,
                () -> assertEquals(orderSum, Jsons.longValue(news, "orderSum"), "orderSum"),
                () -> assertFalse(news.getString("msg", "").isBlank(), "a msg"),
                () -> assertSameOrder(order, news.getJsonObject("order"), "the order"));
    }

    private static void assertGreeting(JsonObject greeting, int storeId, long orderSum, List<String> open,
                                       String where) {
        List<JsonObject> orders = greeting.getJsonArray("orders").getValuesAs(JsonObject.class);
        List<String> numbers = orders.stream().map(OrderIT::orderNo).toList();
        assertAll(where + ": " + abbreviate(greeting.toString()),
                () -> assertEquals(orderSum, Jsons.longValue(greeting, "orderSum"), "orderSum = SUBMITTED orders"),
                () -> assertFalse(greeting.getString("msg", "").isBlank(), "a msg"),
                () -> assertEquals(new HashSet<>(open), new HashSet<>(numbers), "the open orders"),
                () -> assertEquals(numbers.size(), new HashSet<>(numbers).size(), "each once"),
                () -> assertTrue(orders.stream().allMatch(o -> o.getInt("storeId") == storeId), "all of the store"),
                () -> assertTrue(orders.stream().allMatch(o -> OPEN.contains(o.getString("status"))), "all open"),
                () -> assertOldestFirst(orders),
                () -> assertTrue(greeting.get("tables") instanceof jakarta.json.JsonArray, "a tables array"));
    }

    private static void assertOldestFirst(List<JsonObject> orders) {
        for (int i = 1; i < orders.size(); i++) {
            assertFalse(instant(orders.get(i), "createdAt").isBefore(instant(orders.get(i - 1), "createdAt")),
                    "oldest first at " + i + ": " + orderNo(orders.get(i - 1)) + " then " + orderNo(orders.get(i)));
        }
    }

    private static void assertNewestFirst(List<JsonObject> orders) {
        for (int i = 1; i < orders.size(); i++) {
            assertFalse(instant(orders.get(i), "createdAt").isAfter(instant(orders.get(i - 1), "createdAt")),
                    "newest first at " + i + ": " + orderNo(orders.get(i - 1)) + " then " + orderNo(orders.get(i)));
        }
    }

    /** Every page of the store's orders (with this status, or all), size 100. */
    private List<JsonObject> listAll(int storeId, String status) {
        Api staff = storeId == 1 ? staff1 : staff2;
        List<JsonObject> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonObject slice = staff.orders(storeId, status, page, 100).ok().data().asJsonObject();
            List<JsonObject> items = slice.getJsonArray("items").getValuesAs(JsonObject.class);
            all.addAll(items);
            if (items.isEmpty() || all.size() >= Jsons.longValue(slice, "total")) {
                return all;
            }
        }
    }

    /** The number of the store's orders in this status, as the list says. */
    private long total(int storeId, String status) {
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

    private static int quantityIn(JsonObject order, long cuisineId) {
        return order.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> Jsons.longValue(i, "cuisineId") == cuisineId).mapToInt(i -> i.getInt("quantity")).sum();
    }

    private static List<Long> orderCuisines(JsonObject order) {
        return order.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(i -> Jsons.longValue(i, "cuisineId")).toList();
    }

    /** Fields present, orderNo a string of digits, a known status, the arithmetic right, timestamps ISO-8601. */
    private static void assertWellFormedOrder(JsonObject order) {
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
            assertEquals(0, unitPrice.multiply(BigDecimal.valueOf(q)).compareTo(subtotal),
                    "subtotalAmount = unitPrice × quantity: " + item);
            total = total.add(subtotal);
            quantity += q;
        }
        BigDecimal sum = total;
        int count = quantity;
        JsonObject submittedBy = order.getJsonObject("submittedBy");
        assertAll("OrderDTO " + order,
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

    private static Instant instant(JsonObject order, String field) {
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
    private static void assertOrderNo(JsonObject order, Long submitterId) {
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
    private static String orderNoProblem(String no, long submitterId, long from, long to) {
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
    private static void assertOrderOfCart(JsonObject order, JsonObject cart) {
        Map<Long, JsonObject> lines = new LinkedHashMap<>();
        for (JsonObject item : order.getJsonArray("items").getValuesAs(JsonObject.class)) {
            lines.put(Jsons.longValue(item, "cuisineId"), item);
        }
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(Carts.cuisineIds(cart), List.copyOf(lines.keySet()), "the dishes"));
        checks.add(() -> assertEquals(0, Jsons.decimal(cart, "totalAmount").compareTo(Jsons.decimal(order,
                "totalAmount")), "totalAmount"));
        checks.add(() -> assertEquals(cart.getInt("totalQuantity"), order.getInt("totalQuantity"), "totalQuantity"));
        for (JsonObject line : Carts.items(cart)) {
            long id = Jsons.longValue(line, "cuisineId");
            checks.add(() -> {
                JsonObject item = lines.get(id);
                assertTrue(item != null, "no order line for cuisine " + id);
                assertAll("order line of cuisine " + id + ": " + item + " from " + line,
                        () -> assertEquals(line.getString("cuisineName"), item.getString("cuisineName")),
                        () -> assertEquals(line.getInt("cuisineType"), item.getInt("cuisineType")),
                        () -> assertEquals(0, Jsons.decimal(line, "unitPrice").compareTo(Jsons.decimal(item,
                                "unitPrice")), "unitPrice"),
                        () -> assertEquals(line.getInt("quantity"), item.getInt("quantity")),
                        () -> assertEquals(0, Jsons.decimal(line, "subtotalAmount").compareTo(Jsons.decimal(item,
                                "subtotalAmount")), "subtotalAmount"),
                        () -> assertEquals(Jsons.longValue(line, "addUserId"), Jsons.longValue(item, "addUserId")),
                        () -> assertEquals(line.get("remark"), item.get("remark"), "remark"));
            });
        }
        assertAll("the order of cart version " + version(cart), checks.stream());
    }

    private static void assertSameOrder(JsonObject expected, JsonObject actual, String where) {
        assertSameOrderIgnoringStatus(expected, actual, where);
        assertAll(where,
                () -> assertEquals(expected.getString("status"), actual.getString("status"), "status"),
                () -> assertEquals(expected.get("rejectReason"), actual.get("rejectReason"), "rejectReason"));
    }

    private static void assertSameOrderIgnoringStatus(JsonObject expected, JsonObject actual) {
        assertSameOrderIgnoringStatus(expected, actual, "the same order");
    }

    private static void assertSameOrderIgnoringStatus(JsonObject expected, JsonObject actual, String where) {
        assertAll(where + ": expected " + expected + ", got " + actual,
                () -> assertEquals(orderNo(expected), orderNo(actual), "orderNo"),
                () -> assertEquals(expected.getInt("storeId"), actual.getInt("storeId"), "storeId"),
                () -> assertEquals(expected.getInt("tableId"), actual.getInt("tableId"), "tableId"),
                () -> assertEquals(expected.getString("tableNumber"), actual.getString("tableNumber"), "tableNumber"),
                () -> assertEquals(expected.getJsonArray("items"), actual.getJsonArray("items"), "items"),
                () -> assertEquals(0, Jsons.decimal(expected, "totalAmount").compareTo(Jsons.decimal(actual,
                        "totalAmount")), "totalAmount"),
                () -> assertEquals(expected.getInt("totalQuantity"), actual.getInt("totalQuantity"), "totalQuantity"),
                () -> assertEquals(expected.getJsonObject("submittedBy"), actual.getJsonObject("submittedBy"),
                        "submittedBy"),
                () -> assertEquals(instant(expected, "createdAt"), instant(actual, "createdAt"), "createdAt"));
    }

    // ---- helpers: live events ------------------------------------------------------------------------------------

    /**
     * Waits for order_submitted with this order and the empty cart_update of this version, and asserts that the order
     * came first; returns the order_submitted data.
     */
    private static JsonObject assertOrderThenEmptyCart(WsClient ws, String orderNo, long version) {
        Predicate<JsonObject> order = m -> "order_submitted".equals(type(m)) && orderNo.equals(data(m)
                .getString("orderNo", null));
        Predicate<JsonObject> cart = m -> "cart_update".equals(type(m)) && hasVersion(data(m), version);
        ws.messages().awaitAll("order_submitted " + orderNo + " and the cart_update of version " + version,
                all -> all.stream().anyMatch(order) && all.stream().anyMatch(cart), WAIT);
        List<JsonObject> all = ws.messages().all();
        int o = indexOf(all, order);
        int c = indexOf(all, cart);
        assertTrue(o < c, "order_submitted (#" + o + ") before the emptied cart (#" + c + "): " + types(all));
        assertTrue(Carts.items(data(all.get(c))).isEmpty(), "the cart_update after the order is empty: " + all.get(c));
        return data(all.get(o));
    }

    private static JsonObject assertOrderThenEmptyCart(SseClient sse, String orderNo, long version) {
        Predicate<SseClient.Event> order = e -> e.name().equals("order_submitted")
                && orderNo.equals(e.json().getString("orderNo", null));
        Predicate<SseClient.Event> cart = e -> e.isCartUpdate() && e.version() == version;
        sse.events().awaitAll("order_submitted " + orderNo + " and the cart_update of version " + version,
                all -> all.stream().anyMatch(order) && all.stream().anyMatch(cart), WAIT);
        List<SseClient.Event> all = sse.events().all();
        int o = indexOf(all, order);
        int c = indexOf(all, cart);
        assertTrue(o < c, "order_submitted (#" + o + ") before the emptied cart (#" + c + "): "
                + all.stream().map(SseClient.Event::name).toList());
        assertTrue(Carts.items(all.get(c).json()).isEmpty(), "the cart_update after the order is empty");
        return all.get(o).json();
    }

    /** Waits until a message of this type whose data matches has arrived (wherever the cursor is); returns it. */
    private static JsonObject awaitWs(WsClient ws, String type, Predicate<JsonObject> data) {
        Predicate<JsonObject> match = m -> type.equals(type(m)) && m.get("data") instanceof JsonObject d
                && data.test(d);
        ws.messages().awaitAll(type, all -> all.stream().anyMatch(match), WAIT);
        return ws.messages().last(match).orElseThrow();
    }

    private static SseClient.Event awaitSse(SseClient sse, String what, Predicate<SseClient.Event> match) {
        sse.events().awaitAll(what, all -> all.stream().anyMatch(match), WAIT);
        return sse.events().last(match).orElseThrow();
    }

    private static <T> int indexOf(List<T> all, Predicate<T> match) {
        for (int i = 0; i < all.size(); i++) {
            if (match.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static long count(WsClient ws, String type) {
        return count(ws.messages().all(), type);
    }

    private static long count(List<JsonObject> all, String type) {
        return all.stream().filter(m -> type.equals(type(m))).count();
    }

    private static List<String> types(List<JsonObject> all) {
        return all.stream().map(Answers::type).toList();
    }

    private static boolean hasVersion(JsonObject cart, long version) {
        return cart.get("version") instanceof JsonNumber n && n.longValue() == version;
    }

    // ---- helpers: putting things back ------------------------------------------------------------------------------

    /**
     * Puts the sold-out test's dishes back (each call is made, whatever the others did); a failure here is added to
     * the test's own failure instead of hiding it.
     */
    @SafeVarargs
    private static void restoreAvailability(Throwable failed, Supplier<Api.Response>... calls) {
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

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...(" + text.length() + " chars)";
    }
}
