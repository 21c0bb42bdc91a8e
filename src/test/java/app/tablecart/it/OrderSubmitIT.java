package app.tablecart.it;

import static app.tablecart.it.support.Answers.assertAnswer;
import static app.tablecart.it.support.Answers.assertRefused;
import static app.tablecart.it.support.Answers.assertSocketAnswers;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Answers.type;
import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Submitting a table's cart over REST and WebSocket: once per idempotency key, atomic with concurrent changes, refused
 * when empty or with a bad key; and, last, a thousand submits on store 2's tables get unique order numbers of seed
 * 001's form.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderSubmitIT extends OrderTests {

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
        assertAll(
                "the new order " + order,
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
        assertAll(
                "the cart after the submit " + emptied,
                () -> assertTrue(Carts.items(emptied).isEmpty(), "emptied"),
                () -> assertEquals(0, emptied.getInt("totalQuantity")),
                () -> assertEquals(version(before) + 1, version(emptied), "one new version"));
        assertSameOrder(order, assertOrderThenEmptyCart(sse, orderNo(order), version(emptied)), "SSE order_submitted");
        assertSameOrder(
                order, assertOrderThenEmptyCart(ws, orderNo(order), version(emptied)), "WebSocket order_submitted");

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
        assertEquals(
                1,
                sse.events().all().stream()
                        .filter(e -> e.name().equals("order_submitted"))
                        .count(),
                "one order_submitted on the stream: " + sse.events().all());
        assertEquals(
                1,
                ws.types().stream().filter("order_submitted"::equals).count(),
                "one order_submitted on the socket: " + ws.types());

        // The key is the table's: the same key at another table is another submission.
        staff1.clear(SAME_KEY_TABLE).ok();
        tokens.dinerApi(SAME_KEY_TABLE, "Alice")
                .add(SAME_KEY_TABLE, menu1.id(0), 1)
                .ok();
        Api.Response elsewhere = tokens.dinerApi(SAME_KEY_TABLE, "Alice").submit(SAME_KEY_TABLE, key);
        assertAnswer(elsewhere, 201, "the same key at another table");
        JsonObject other = elsewhere.data().asJsonObject();
        assertAll(
                "the other table's order " + other,
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
        JsonObject before =
                tokens.dinerApi(t, "Erin").add(t, menu1.id(4), 1).ok().cart();
        long unprocessed = total(1, "SUBMITTED");
        String key = "ws-" + UUID.randomUUID();

        danWs.send("submit_order", Jsons.object("idempotencyKey", key));
        JsonObject order = awaitWs(danWs, "submit_order_success", m -> true).getJsonObject("data");
        assertWellFormedOrder(order);
        assertAll(
                "the order from the socket " + order,
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
        assertSameOrder(
                order,
                danWs.next("submit_order_success", WAIT).getJsonObject("data"),
                "the same key again over the socket");
        Api.Response overRest = tokens.dinerApi(t, "Erin").submit(t, key);
        assertAnswer(overRest, 200, "the socket's key over REST");
        assertSameOrder(order, overRest.data().asJsonObject(), "the socket's key over REST");

        record Bad(String name, JsonObject message, String code, int status) {}
        List<Bad> bad = List.of(
                new Bad(
                        "an empty cart",
                        Jsons.object(
                                "type",
                                "submit_order",
                                "data",
                                Jsons.object("idempotencyKey", "ws-" + UUID.randomUUID())),
                        "cart_empty",
                        409),
                new Bad("no data", Jsons.object("type", "submit_order"), "bad_request", 400),
                new Bad(
                        "no idempotencyKey",
                        Jsons.object("type", "submit_order", "data", Jsons.object()),
                        "bad_request",
                        400),
                new Bad(
                        "a blank idempotencyKey",
                        Jsons.object("type", "submit_order", "data", Jsons.object("idempotencyKey", "  ")),
                        "bad_request",
                        400),
                new Bad(
                        "an idempotencyKey of 65 characters",
                        Jsons.object("type", "submit_order", "data", Jsons.object("idempotencyKey", "k".repeat(65))),
                        "bad_request",
                        400));
        for (Bad input : bad) {
            danWs.messages().skipAll();
            danWs.send(input.message());
            assertWsError(danWs.next("error", WAIT), input.code(), input.status(), input.name());
            assertSocketAnswers(danWs, input.name(), WAIT);
        }
        assertEquals(unprocessed + 1, total(1, "SUBMITTED"), "one order in all");

        long marker =
                version(tokens.dinerApi(t, "Erin").add(t, menu1.id(5), 1).ok().cart());
        erinWs.awaitCart("cart_update", marker, WAIT);
        sse.awaitVersion(marker, WAIT);
        assertEquals(
                1,
                erinWs.types().stream().filter("order_submitted"::equals).count(),
                "one order_submitted: " + erinWs.types());
        assertEquals(
                1,
                sse.events().all().stream()
                        .filter(e -> e.name().equals("order_submitted"))
                        .count(),
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
        assertAll(
                "bad submits of a cart with a line",
                () -> assertRefused(fay.submit(t, null), 400, "no idempotencyKey"),
                () -> assertRefused(fay.submit(t, ""), 400, "an empty idempotencyKey"),
                () -> assertRefused(fay.submit(t, "   "), 400, "a blank idempotencyKey"),
                () -> assertRefused(fay.submit(t, "k".repeat(65)), 400, "an idempotencyKey of 65 characters"),
                () -> assertRefused(fay.submit(t, "k\u0000" + UUID.randomUUID()), 400, "a NUL in the idempotencyKey"),
                () -> assertRefused(
                        fay.post("api/store/order/submit", body.substring(0, body.length() - 3)),
                        400,
                        "malformed JSON"),
                () -> assertRefused(
                        tokens.dinerApi(REST_TABLE, "Alice").submit(t, "k-" + UUID.randomUUID()),
                        403,
                        "a diner of another table"),
                () -> assertRefused(staff2.submit(t, "k-" + UUID.randomUUID()), 403, "staff of another store"),
                () -> assertRefused(server.api().submit(t, "k-" + UUID.randomUUID()), 401, "no token"));
        assertSameCart(cart, staff1.cart(t), "the cart after the refused submits");
        assertEquals(unprocessed, total(1, "SUBMITTED"), "no order from refused submits");

        String key64 =
                ("k" + UUID.randomUUID() + UUID.randomUUID()).replace("-", "").substring(0, 64);
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
                socket.messages()
                        .awaitAll(
                                expected + " add_item_success in all",
                                all -> count(all, "add_item_success") >= expected || count(all, "error") > 0,
                                WAIT);
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
                checks.add(() -> assertEquals(
                        0,
                        count(socket.messages().all(), "error"),
                        "no socket error: "
                                + socket.messages().all().stream()
                                        .filter(m -> "error".equals(type(m)))
                                        .toList()));
            }
            for (Map.Entry<Long, Integer> line : added.entrySet()) {
                checks.add(() -> assertEquals(
                        line.getValue(),
                        quantityIn(order, line.getKey()) + Carts.quantity(cart, line.getKey()),
                        "cuisine " + line.getKey()
                                + ": quantity in the order + quantity left in the cart = quantity added"));
            }
            checks.add(() -> assertEquals(
                    adds + 1,
                    order.getInt("totalQuantity") + cart.getInt("totalQuantity"),
                    "all quantities: order + cart = added"));
            checks.add(
                    () -> assertTrue(added.keySet().containsAll(orderCuisines(order)), "no other dish in the order"));
            checks.add(
                    () -> assertTrue(added.keySet().containsAll(Carts.cuisineIds(cart)), "no other dish in the cart"));
            checks.add(() -> assertEquals(unprocessed + 1, total(1, "SUBMITTED"), "exactly one new order"));
            assertAll("round " + r + ": order " + order + "; cart afterwards " + cart, checks.stream());

            awaitSse(
                    observer,
                    "order_submitted " + orderNo(order),
                    e -> e.name().equals("order_submitted")
                            && orderNo(order).equals(e.json().getString("orderNo")));
            assertSameCart(
                    cart,
                    observer.awaitVersion(version(cart), WAIT).json(),
                    "round " + r + ": the observer's last cart");
        }
    }

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
        assertAll(
                BURST_ORDERS + " order numbers",
                () -> assertEquals(List.of(), repeated, "repeated order numbers"),
                () -> assertEquals(BURST_ORDERS, unique.size(), "distinct order numbers"),
                () -> assertEquals(
                        List.of(),
                        malformed.stream().limit(20).toList(),
                        malformed.size() + " order numbers not of the form <userId><13-digit millis><4 digits>"));

        Set<String> listed = new HashSet<>();
        listAll(2, "SUBMITTED").forEach(o -> listed.add(orderNo(o)));
        List<String> missing =
                unique.stream().filter(no -> !listed.contains(no)).limit(20).toList();
        assertEquals(List.of(), missing, "burst orders not listed by GET orders?status=SUBMITTED");
        for (int t : BURST_TABLES) {
            assertTrue(Carts.items(staff2.cart(t)).isEmpty(), "table " + t + " ends with an empty cart");
        }
    }
}
