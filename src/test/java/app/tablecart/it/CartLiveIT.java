package app.tablecart.it;

import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.assertWellFormed;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Await;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SSE and WebSocket together: what a joining client receives first, headers and heartbeats, every WebSocket message
 * type, one order of versions on both channels, isolation between tables, bad input on a socket that stays usable,
 * the message-size limit, unknown tables, and concurrent changes from REST and WebSocket. Every connection carries
 * a token: diners of the table (each client its own), staff of store 1 for set-up; sockets are paced under the
 * server's per-connection message rate limit, which AuthIT exceeds on purpose.
 */
class CartLiveIT extends ServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long UNKNOWN_ID = 987_654_321L;
    private static final int MAX_TEXT_MESSAGE = 16_384;
    /** Messages per second a test socket sends at most: half the server's limit, so no test here meets it. */
    private static final int PACE = TestDatabase.WS_RATE_LIMIT / 2;

    /** The staff of store 1 (tables 1..20). */
    Api api;

    Menu menu1;
    Menu menu2;

    @BeforeEach
    void connect() {
        api = tokens.staffApi(1);
        menu1 = Menu.of(api, 1);
        menu2 = Menu.of(tokens.staffApi(2), 2);
    }

    // ---- joining -------------------------------------------------------------------------------------------------

    @Test
    void aStreamEndsWhenItReachesItsTimeout() {
        Duration timeout = TestDatabase.settings().sseTimeout();
        long opened = System.nanoTime();
        SseClient stream = joinSse(20);
        stream.events()
                .awaitEnd(timeout.plus(TestDatabase.settings().heartbeat().multipliedBy(3))
                        .plusSeconds(5));
        Duration lasted = Duration.ofNanos(System.nanoTime() - opened);
        assertTrue(
                lasted.compareTo(timeout.minusSeconds(1)) >= 0,
                "the stream ended after " + lasted.toMillis() + " ms, before its timeout of " + timeout);
    }

    @Test
    void sseJoinerGetsConnectedThenTheCurrentCartThenHeartbeats() {
        api.clear(7).ok();
        api.add(7, menu1.id(0), 2, "for the kids", null).ok();
        JsonObject current = api.add(7, menu1.id(1), 1).ok().cart();

        SseClient sse = track(server.sse(7, tokens.diner(7, "Watcher")));
        assertAll(
                "SSE response headers",
                () -> assertEquals(200, sse.status()),
                () -> assertTrue(
                        String.valueOf(sse.header("Content-Type")).startsWith("text/event-stream"),
                        "Content-Type " + sse.header("Content-Type")),
                () -> assertTrue(
                        String.valueOf(sse.header("Cache-Control")).contains("no-cache"),
                        "Cache-Control " + sse.header("Cache-Control")),
                () -> assertEquals("no", sse.header("X-Accel-Buffering")));

        SseClient.Event first = sse.next(WAIT);
        SseClient.Event second = sse.next(WAIT);
        assertAll(
                "the first two events",
                () -> assertEquals("connected", first.name()),
                () -> assertNull(first.id(), "connected carries no id"),
                () -> assertEquals("connected", first.data()),
                () -> assertEquals("cart_update", second.name(), "the current cart at once"),
                () -> assertEquals(String.valueOf(version(current)), second.id(), "id = cart version"));
        assertWellFormed(second.json());
        assertSameCart(current, second.json(), "the late joiner's cart");

        long heartbeatMillis = TestDatabase.settings().heartbeat().toMillis();
        Duration twoBeats = Duration.ofMillis(heartbeatMillis * 2 + 3000);
        for (int i = 0; i < 2; i++) {
            SseClient.Event beat = sse.next("heartbeat", twoBeats);
            assertEquals("ping", beat.data());
            assertNull(beat.id(), "heartbeat carries no id");
        }
    }

    @Test
    void webSocketJoinerGetsConnectedThenTheCurrentCartAndHeartbeatIsAnsweredWithPong() {
        api.clear(7).ok();
        JsonObject current = api.add(7, menu1.id(2), 3).ok().cart();

        WsClient ws = track(server.ws(7, tokens.diner(7, "Alice")));
        JsonObject first = ws.next(WAIT);
        JsonObject second = ws.next(WAIT);
        assertAll(
                "the first two messages",
                () -> assertEquals("connected", first.getString("type")),
                () -> assertTrue(Jsons.isNull(first, "data"), "connected has data null"),
                () -> assertRecentTimestamp(first),
                () -> assertEquals("cart_update", second.getString("type"), "the current cart at once"),
                () -> assertRecentTimestamp(second));
        assertWellFormed(second.getJsonObject("data"));
        assertSameCart(current, second.getJsonObject("data"), "the late joiner's cart");

        ws.send("heartbeat", null);
        JsonObject pong = ws.next(WAIT);
        assertAll(
                "heartbeat reply " + pong,
                () -> assertEquals("heartbeat", pong.getString("type")),
                () -> assertEquals("pong", pong.getString("message")),
                () -> assertTrue(Jsons.isNull(pong, "data")));
    }

    // ---- changes over WebSocket ----------------------------------------------------------------------------------

    @Test
    void everyWebSocketMessageTypeAnswersTheSenderAndUpdatesEveryClientOfTheTableOnly() {
        long v = version(api.clear(8).ok().cart());
        WsClient alice = joinWs(8, "Alice");
        WsClient bob = joinWs(8, "Bob");
        SseClient sse = joinSse(8);
        WsClient otherWs = joinWs(9, "Eve");
        SseClient otherSse = joinSse(9);
        long a = menu1.id(0);
        long b = menu1.id(1);

        record Step(String type, JsonObject data, String sentence) {}
        List<Step> steps = List.of(
                new Step(
                        "add_item",
                        Jsons.object("cuisineId", a, "quantity", 2, "remark", "no ice"),
                        "Alice added " + menu1.name(0) + " ×2"),
                new Step(
                        "update_quantity",
                        Jsons.object("cuisineId", a, "quantity", 3),
                        "Alice changed " + menu1.name(0) + " to ×3"),
                new Step(
                        "add_item",
                        Jsons.object("cuisineId", b, "quantity", 1),
                        "Alice added " + menu1.name(1) + " ×1"),
                new Step("remove_item", Jsons.object("cuisineId", a), "Alice removed " + menu1.name(0)),
                new Step("clear_cart", null, "Alice cleared the cart"));
        for (Step step : steps) {
            long expected = ++v;
            alice.send(step.type(), step.data());
            JsonObject success = awaitWs(alice, step.type() + "_success", expected);
            JsonObject aliceUpdate = awaitWs(alice, "cart_update", expected);
            JsonObject bobUpdate = awaitWs(bob, "cart_update", expected);
            SseClient.Event sseUpdate = awaitSse(sse, expected);
            JsonObject truth = api.cart(8);
            assertEquals(expected, version(truth), "GET cart after " + step.type());
            assertWellFormed(success.getJsonObject("data"));
            assertAll(
                    step.type(),
                    () -> assertEquals(step.sentence(), aliceUpdate.getString("message"), "sender's cart_update"),
                    () -> assertEquals(step.sentence(), bobUpdate.getString("message"), "other diner's cart_update"),
                    () -> assertEquals(String.valueOf(expected), sseUpdate.id(), "SSE id"),
                    () -> assertSameCart(truth, success.getJsonObject("data"), "_success"),
                    () -> assertSameCart(truth, aliceUpdate.getJsonObject("data"), "Alice's cart_update"),
                    () -> assertSameCart(truth, bobUpdate.getJsonObject("data"), "Bob's cart_update"),
                    () -> assertSameCart(truth, sseUpdate.json(), "SSE cart_update"),
                    () -> assertEquals("Alice", Carts.notice(truth).getString("nickname")));
        }

        long restVersion = version(tokens.dinerApi(8, "Carol").add(8, b, 2).ok().cart());
        assertEquals(
                "Carol added " + menu1.name(1) + " ×2",
                awaitWs(alice, "cart_update", restVersion).getString("message"),
                "a REST change reaches the sockets with its sentence");
        awaitWs(bob, "cart_update", restVersion);
        awaitSse(sse, restVersion);

        assertAll(
                "isolation",
                () -> assertTrue(
                        bob.types().stream().noneMatch(t -> t.endsWith("_success")),
                        "only the sender gets _success: " + bob.types()),
                () -> assertEquals(
                        1,
                        otherWs.versions("cart_update").size(),
                        "table 9's socket saw only its own initial cart: "
                                + otherWs.messages().all()),
                () -> assertEquals(
                        1,
                        otherSse.cartVersions().size(),
                        "table 9's stream saw only its own initial cart: "
                                + otherSse.events().all()));
    }

    @Test
    void sseAndWebSocketClientsOfATableSeeTheSameVersionsInIncreasingOrder() {
        long v0 = version(api.clear(10).ok().cart());
        SseClient sse1 = joinSse(10);
        SseClient sse2 = track(server.sse(10, tokens.staff(1), Token.Via.QUERY)).joined(WAIT);
        WsClient ws1 = joinWs(10, "Ann");
        WsClient ws2 = joinWs(10, "Ben");
        int changes = 12;
        Map<Long, String> toStaff = new LinkedHashMap<>(); // version -> the cart a staff member's REST change got
        Map<Long, String> toDiners = new LinkedHashMap<>(); // version -> the cart a diner's socket change got
        for (int i = 1; i <= changes; i++) {
            long cuisine = menu1.id(i % 4);
            if (i % 2 == 0) {
                JsonObject cart = api.add(10, cuisine, 1).ok().cart();
                toStaff.put(version(cart), cart.toString());
            } else {
                ws1.send("add_item", Jsons.object("cuisineId", cuisine, "quantity", 1));
                toDiners.put(
                        v0 + i,
                        awaitWs(ws1, "add_item_success", v0 + i)
                                .getJsonObject("data")
                                .toString());
            }
        }
        long last = v0 + changes;
        for (SseClient sse : List.of(sse1, sse2)) {
            awaitSse(sse, last);
            Carts.assertEveryVersion(v0, last, sse.cartVersions(), "SSE versions");
            sse.events().all().stream()
                    .filter(SseClient.Event::isCartUpdate)
                    .forEach(e -> assertEquals(String.valueOf(e.version()), e.id(), "id = version"));
        }
        for (WsClient ws : List.of(ws1, ws2)) {
            awaitWs(ws, "cart_update", last);
            Carts.assertEveryVersion(v0, last, ws.versions("cart_update"), "WebSocket versions");
        }
        // The answer to a change is the very cart its view's channels carry for that version.
        toStaff.forEach((version, cart) -> assertEquals(
                cart, sse2.awaitVersion(version, WAIT).json().toString(), "staff SSE cart of version " + version));
        toDiners.forEach((version, cart) -> {
            assertEquals(cart, sse1.awaitVersion(version, WAIT).json().toString(), "SSE cart of version " + version);
            assertEquals(
                    cart,
                    ws2.awaitCart("cart_update", version, WAIT)
                            .getJsonObject("data")
                            .toString(),
                    "WebSocket cart of version " + version);
        });
    }

    // ---- bad input -----------------------------------------------------------------------------------------------

    @Test
    void badWebSocketInputGetsAnErrorWhileTheSocketStaysUsableAndTheCartUnchanged() {
        int max = TestDatabase.settings().maxLineQuantity();
        long a = menu1.id(0);
        long b = menu1.id(1);
        api.clear(11).ok();
        JsonObject before = api.add(11, a, 1).ok().cart();
        WsClient ws = joinWs(11, "Alice");
        SseClient sse = joinSse(11);

        record Bad(String name, String text, String code, int status) {}
        List<Bad> bad = List.of(
                new Bad("malformed JSON", "{\"type\":\"add_item\",\"data\":{", "bad_request", 400),
                new Bad("a JSON array", "[1,2]", "bad_request", 400),
                new Bad("unknown type", msg("order_pizza", Jsons.object("cuisineId", a)), "bad_request", 400),
                new Bad(
                        "no type",
                        Jsons.object("data", Jsons.object("cuisineId", a, "quantity", 1))
                                .toString(),
                        "bad_request",
                        400),
                new Bad("add_item without data", msg("add_item", null), "bad_request", 400),
                new Bad("add_item without cuisineId", add(Jsons.object("quantity", 1)), "bad_request", 400),
                new Bad("add_item without quantity", add(Jsons.object("cuisineId", a)), "bad_request", 400),
                new Bad(
                        "add_item quantity 1.5",
                        add(Jsons.object("cuisineId", a, "quantity", 1.5)),
                        "bad_request",
                        400),
                new Bad(
                        "add_item quantity \"abc\"",
                        add(Jsons.object("cuisineId", a, "quantity", "abc")),
                        "bad_request",
                        400),
                new Bad("add_item quantity 0", add(Jsons.object("cuisineId", a, "quantity", 0)), "bad_request", 400),
                new Bad("add_item quantity -1", add(Jsons.object("cuisineId", a, "quantity", -1)), "bad_request", 400),
                new Bad("update_quantity -1", update(a, -1), "bad_request", 400),
                new Bad(
                        "update_quantity without quantity",
                        msg("update_quantity", Jsons.object("cuisineId", a)),
                        "bad_request",
                        400),
                new Bad("remove_item without cuisineId", msg("remove_item", Jsons.object()), "bad_request", 400),
                new Bad(
                        "add_item above the line maximum",
                        add(Jsons.object("cuisineId", a, "quantity", max)),
                        "bad_request",
                        400),
                new Bad("update_quantity above the line maximum", update(a, max + 1), "bad_request", 400),
                new Bad(
                        "remark of 201 characters",
                        add(Jsons.object("cuisineId", a, "quantity", 1, "remark", "r".repeat(201))),
                        "bad_request",
                        400),
                new Bad(
                        "requestId of 65 characters",
                        add(Jsons.object("cuisineId", a, "quantity", 1, "requestId", "x".repeat(65))),
                        "bad_request",
                        400),
                new Bad(
                        "add_item of an unknown cuisine",
                        add(Jsons.object("cuisineId", UNKNOWN_ID, "quantity", 1)),
                        "not_found",
                        404),
                new Bad(
                        "add_item of another store's cuisine",
                        add(Jsons.object("cuisineId", menu2.id(0), "quantity", 1)),
                        "not_found",
                        404),
                new Bad("update_quantity of an unknown cuisine", update(UNKNOWN_ID, 1), "not_found", 404),
                new Bad(
                        "remove_item of a cuisine not in the cart",
                        msg("remove_item", Jsons.object("cuisineId", b)),
                        "not_found",
                        404));

        List<String> failures = new ArrayList<>();
        for (Bad input : bad) {
            ws.send(input.text());
            JsonObject answer = ws.next(WAIT);
            JsonObject data = answer.get("data") instanceof JsonObject d ? d : Jsons.object();
            if (!"error".equals(answer.getString("type", null))
                    || !input.code().equals(data.getString("code", null))
                    || data.getInt("status", -1) != input.status()
                    || answer.getString("message", "").isBlank()) {
                failures.add(input.name() + ": expected error " + input.code() + "/" + input.status()
                        + " with a message, got " + answer);
            }
            assertSocketAnswers(ws, input.name());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertSameCart(before, api.cart(11), "the cart after all bad messages");
        assertEquals(List.of(version(before)), ws.versions("cart_update"), "no cart_update for bad input");
        assertEquals(List.of(version(before)), sse.cartVersions(), "no SSE cart_update for bad input");

        ws.send("add_item", Jsons.object("cuisineId", b, "quantity", 1));
        JsonObject applied =
                awaitWs(ws, "add_item_success", version(before) + 1).getJsonObject("data");
        assertEquals(List.of(a, b), Carts.cuisineIds(applied), "a valid message after all that is applied");
    }

    @Test
    void aMessageOverSixteenKilobytesClosesTheSocketWith1009() {
        api.clear(13).ok();
        JsonObject before = api.add(13, menu1.id(0), 1).ok().cart();
        WsClient ws = joinWs(13, "Alice");

        ws.send(addWithRemarkOfTotalLength(menu1.id(0), MAX_TEXT_MESSAGE));
        assertEquals("error", ws.next(WAIT).getString("type"), "16384 characters: an ordinary error (remark too long)");
        assertSocketAnswers(ws, "after a message of exactly 16384 characters");

        ws.send(addWithRemarkOfTotalLength(menu1.id(0), MAX_TEXT_MESSAGE + 1));
        WsClient.Closed closed = ws.awaitClose(WAIT);
        assertEquals(1009, closed.code(), "close code for a message over 16384 characters: " + closed);
        assertFalse(closed.reason() == null || closed.reason().isBlank(), "a close reason");
        assertSameCart(before, api.cart(13), "the cart after the oversized message");
    }

    @Test
    void unknownTablesAreRefusedOnBothChannels() {
        for (Object table : List.of(UNKNOWN_ID, "abc")) {
            WsClient ws = track(server.ws(table, tokens.staff(1)));
            JsonObject error = ws.next(WAIT);
            assertAll(
                    "WebSocket to table " + table + ": " + error,
                    () -> assertEquals("error", error.getString("type")),
                    () -> assertEquals("not_found", error.getJsonObject("data").getString("code")),
                    () -> assertEquals(404, error.getJsonObject("data").getInt("status")),
                    () -> assertFalse(error.getString("message", "").isBlank(), "a message"));
            assertEquals(1008, ws.awaitClose(WAIT).code(), "close code for table " + table);

            SseClient sse = track(server.sse(table, tokens.staff(1)));
            Api.Response envelope = new Api.Response("SSE " + table, sse.status(), sse.headers(), sse.body());
            assertAll(
                    "SSE to table " + table + ": " + envelope,
                    () -> assertEquals(404, envelope.status()),
                    () -> assertEquals(404, envelope.code()),
                    () -> assertFalse(
                            envelope.message() == null || envelope.message().isBlank(), "a message"));
        }
    }

    // ---- concurrency ---------------------------------------------------------------------------------------------

    @Test
    void tenConcurrentClientsAddingTheSameCuisineLoseNothingAndEndOnTheSameCart() throws Exception {
        int table = 12;
        int clientsPerKind = 5;
        int addsPerClient = 20;
        long cuisine = menu1.id(0);
        long v0 = version(api.clear(table).ok().cart());
        SseClient observer = joinSse(table);
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i < clientsPerKind; i++) {
            sockets.add(joinWs(table, "Socket" + i));
        }

        ExecutorService pool = Executors.newFixedThreadPool(clientsPerKind * 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> work = new ArrayList<>();
        List<String> restFailures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clientsPerKind; i++) {
            Api rest = tokens.dinerApi(table, "Rest" + i);
            work.add(() -> {
                start.await();
                for (int n = 0; n < addsPerClient; n++) {
                    Api.Response response = rest.add(table, cuisine, 1);
                    if (response.status() != 200) {
                        restFailures.add(response.toString());
                    }
                }
                return null;
            });
        }
        for (WsClient socket : sockets) {
            work.add(() -> {
                start.await();
                for (int n = 0; n < addsPerClient; n++) {
                    socket.send("add_item", Jsons.object("cuisineId", cuisine, "quantity", 1));
                }
                return null;
            });
        }
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> task : work) {
                running.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Void> task : running) {
                task.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long expectedVersion = v0 + (long) clientsPerKind * 2 * addsPerClient;
        int expectedQuantity = clientsPerKind * 2 * addsPerClient;
        JsonObject[] finalCart = new JsonObject[1];
        Await.until(
                "GET cart reaches version " + expectedVersion,
                Duration.ofSeconds(60),
                () -> version(finalCart[0] = api.cart(table)) >= expectedVersion);
        JsonObject truth = finalCart[0];
        assertAll(
                "after " + expectedQuantity + " concurrent adds",
                () -> assertEquals(List.of(), restFailures, "every REST add answered 200"),
                () -> assertEquals(expectedQuantity, Carts.quantity(truth, cuisine), "the line"),
                () -> assertEquals(expectedVersion, version(truth), "one version per add"),
                () -> assertEquals(List.of(cuisine), Carts.cuisineIds(truth)));
        assertWellFormed(truth);

        for (WsClient socket : sockets) {
            JsonObject last = awaitWs(socket, "cart_update", expectedVersion).getJsonObject("data");
            assertSameCart(
                    truth,
                    last,
                    "last cart_update of " + socket.messages().all().size() + " messages");
            assertTrue(
                    socket.types().stream().noneMatch("error"::equals),
                    "no socket got an error: "
                            + socket.messages().all().stream()
                                    .filter(m -> "error".equals(m.getString("type")))
                                    .toList());
            assertStrictlyIncreasing(socket.versions("cart_update"), "WebSocket cart_update versions");
            assertStrictlyIncreasing(socket.versions("add_item_success"), "add_item_success versions");
        }
        assertSameCart(truth, awaitSse(observer, expectedVersion).json(), "the SSE client's last cart_update");
        assertStrictlyIncreasing(observer.cartVersions(), "SSE cart_update versions");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A diner's event stream (the diner "Watcher" of the table). */
    private SseClient joinSse(int table) {
        return track(server.sse(table, tokens.diner(table, "Watcher"))).joined(WAIT);
    }

    /** The socket of the table's diner with this nickname, paced under the rate limit. */
    private WsClient joinWs(int table, String nickname) {
        return track(server.ws(table, tokens.diner(table, nickname)))
                .paced(PACE)
                .joined(WAIT);
    }

    private static JsonObject awaitWs(WsClient ws, String type, long version) {
        return ws.awaitCart(type, version, WAIT);
    }

    private static SseClient.Event awaitSse(SseClient sse, long version) {
        return sse.awaitVersion(version, WAIT);
    }

    private static void assertStrictlyIncreasing(List<Long> versions, String what) {
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i) <= versions.get(i - 1)) {
                throw new AssertionError(what + " not strictly increasing at " + i + ": " + versions);
            }
        }
    }

    /** A heartbeat is answered with pong: the socket is open and still served. */
    private static void assertSocketAnswers(WsClient ws, String after) {
        ws.send("heartbeat", null);
        JsonObject pong = ws.next(WAIT);
        assertEquals("pong", pong.getString("message", null), "the socket still answers after " + after + ": " + pong);
        assertFalse(ws.isClosed(), "the socket is still open after " + after);
    }

    private static void assertRecentTimestamp(JsonObject message) {
        long timestamp = message.getJsonNumber("timestamp").longValueExact();
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 60_000, "timestamp is epoch ms: " + timestamp);
    }

    private static String msg(String type, JsonObject data) {
        return (data == null ? Jsons.object("type", type) : Jsons.object("type", type, "data", data)).toString();
    }

    private static String add(JsonObject data) {
        return msg("add_item", data);
    }

    private static String update(long cuisineId, Object quantity) {
        return msg("update_quantity", Jsons.object("cuisineId", cuisineId, "quantity", quantity));
    }

    /** An add_item whose remark pads the whole message to exactly {@code length} characters. */
    private static String addWithRemarkOfTotalLength(long cuisineId, int length) {
        String empty = add(Jsons.object("cuisineId", cuisineId, "quantity", 1, "remark", ""));
        String message =
                add(Jsons.object("cuisineId", cuisineId, "quantity", 1, "remark", "r".repeat(length - empty.length())));
        assertEquals(length, message.length());
        return message;
    }
}
