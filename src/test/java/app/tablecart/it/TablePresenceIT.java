package app.tablecart.it;

import static app.tablecart.it.support.Answers.assertAnswer;
import static app.tablecart.it.support.Answers.assertRefused;
import static app.tablecart.it.support.Answers.assertSocketAnswers;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Answers.data;
import static app.tablecart.it.support.Answers.type;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Answers;
import app.tablecart.it.support.Api;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.RawClient;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 4, who is at the table and what they say: presence on join, one entry per diner however many connections,
 * leaving on a close and on a dropped connection, presence on the staff's board (its store only, never staff), and
 * messages between diners and staff (table_message, call_staff, staff_message) over SSE, WebSocket and REST: scoped
 * to their table or store, limited in length, delivered verbatim, rate-limited per user. Every test has its own
 * tables, and every test that sends messages has diners of its own (joined anew), so that the per-user message budget
 * of one test does not leak into another.
 */
class TablePresenceIT extends ServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Messages per second a test socket sends at most: half the server's per-connection limit. */
    private static final int PACE = TestDatabase.WS_RATE_LIMIT / 2;

    // store 1 (tables 1..20)
    private static final int JOIN_TABLE = 1;
    private static final int TWO_TABS_TABLE = 2;
    private static final int CLOSE_TABLE = 3;
    private static final int DROP_TABLE = 4;
    private static final int BOARD_TABLE = 5;
    private static final int CHAT_TABLE = 6;
    private static final int NEXT_TABLE = 7;
    private static final int CALL_TABLE = 8;
    private static final int STAFF_TABLE = 9;
    private static final int LENGTH_TABLE = 10;
    private static final int VERBATIM_TABLE = 11;
    private static final int ROLE_TABLE = 12;
    private static final int RATE_TABLE = 13;
    private static final int STRANGER_TABLE = 14;
    private static final int VANISH_TABLE = 15;
    // store 2 (tables 21..40)
    private static final int OTHER_BOARD_TABLE = 21;
    private static final int OTHER_CALL_TABLE = 22;

    Token staff1;
    Token staff2;

    @BeforeEach
    void connect() {
        staff1 = tokens.staff(1);
        staff2 = tokens.staff(2);
    }

    // ---- presence ------------------------------------------------------------------------------------------------

    @Test
    void aJoiningDinerGetsPresenceRightAfterTheGreetingAndEveryClientSeesTheNewSetWithoutStaff() {
        int t = JOIN_TABLE;
        clearCart(t);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        Token carol = join(t, "Carol");

        SseClient aliceSse = sse(t, alice);
        assertPresence(firstAfterGreeting(aliceSse), t, List.of(alice), "Alice's stream, right after its greeting");
        WsClient bobWs = ws(t, bob);
        assertPresence(
                data(bobWs.nextIncludingPresence(WAIT)),
                t,
                List.of(alice, bob),
                "Bob's socket, right after its greeting");
        Live.of(aliceSse).nextPresence(t, List.of(alice, bob));

        SseClient staffSse = track(server.sse(t, staff1)).joined(WAIT);
        assertPresence(firstAfterGreeting(staffSse), t, List.of(alice, bob), "the staff's stream: staff not listed");
        WsClient staffWs = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        assertPresence(
                data(staffWs.nextIncludingPresence(WAIT)),
                t,
                List.of(alice, bob),
                "the staff's socket: staff not listed");

        SseClient carolSse = sse(t, carol);
        assertPresence(firstAfterGreeting(carolSse), t, List.of(alice, bob, carol), "Carol's stream");
        List<Live> everyone = List.of(Live.of(aliceSse), Live.of(bobWs), Live.of(staffSse), Live.of(staffWs));
        assertAll(
                "Carol's arrival reaches every client of the table",
                everyone.stream().map(live -> () -> live.nextPresence(t, List.of(alice, bob, carol))));
        List<Live> all = new ArrayList<>(everyone);
        all.add(Live.of(carolSse));
        for (Live live : all) {
            for (JsonObject presence : live.all("presence")) {
                assertFalse(userIds(presence).contains(staff1.userId()), live + ": staff listed in " + presence);
            }
        }
    }

    @Test
    void aDinerWithTwoConnectionsIsListedOnceAndLeavesWithTheLastOne() {
        int t = TWO_TABS_TABLE;
        clearCart(t);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        Token carol = join(t, "Carol");
        WsClient observer = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        assertPresence(data(observer.nextIncludingPresence(WAIT)), t, List.of(), "an empty table");
        Live watch = Live.of(observer);

        SseClient aliceSse = sse(t, alice);
        watch.nextPresence(t, List.of(alice));
        WsClient aliceWs = ws(t, alice);
        assertPresence(
                data(aliceWs.nextIncludingPresence(WAIT)), t, List.of(alice), "Alice's second connection: one entry");
        WsClient bobWs = ws(t, bob);
        watch.nextPresence(t, List.of(alice, bob));

        aliceWs.close();
        sse(t, carol);
        watch.nextPresence(t, List.of(alice, bob, carol)); // Alice is still there through her stream
        aliceSse.close();
        watch.nextPresence(t, List.of(bob, carol));
        Live.of(bobWs).nextPresence(t, List.of(bob, carol));

        for (Live live : List.of(watch, Live.of(bobWs), Live.of(aliceSse))) {
            for (JsonObject presence : live.all("presence")) {
                List<Long> ids = userIds(presence);
                assertEquals(new HashSet<>(ids).size(), ids.size(), live + ": a diner listed twice in " + presence);
            }
        }
    }

    @Test
    void aClosedConnectionLeavesOnBothChannels() {
        int t = CLOSE_TABLE;
        clearCart(t);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        SseClient observer = track(server.sse(t, staff1)).joined(WAIT);
        Live watch = Live.of(observer);
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, bob);
        watch.nextPresence(t, List.of(alice, bob));

        aliceWs.close();
        watch.nextPresence(t, List.of(bob));
        Live.of(bobSse).nextPresence(t, List.of(bob));
        bobSse.close();
        watch.nextPresence(t, List.of());
    }

    @Test
    void anAbruptlyDroppedConnectionLeavesWithinAFewHeartbeats() {
        int t = DROP_TABLE;
        clearCart(t);
        Duration leave = TestDatabase.settings().heartbeat().multipliedBy(3).plus(WAIT);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        Token carol = join(t, "Carol");
        SseClient observerSse = track(server.sse(t, staff1)).joined(WAIT);
        WsClient observerWs = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        List<Live> watchers = List.of(Live.of(observerSse), Live.of(observerWs));

        // A WebSocket whose TCP connection is dropped without a close frame.
        WsClient aliceWs = ws(t, alice);
        watchers.forEach(w -> w.nextPresence(t, List.of(alice)));
        aliceWs.abort();
        watchers.forEach(w -> w.nextPresence(t, List.of(), leave));

        // A WebSocket on a raw socket, reset (SO_LINGER 0) after the upgrade.
        RawClient bobRaw = track(RawClient.connect(server, 0));
        String upgrade = bobRaw.requestWebSocket(path("ws/cart/" + t), bob).readHead(WAIT);
        assertTrue(upgrade.startsWith("HTTP/1.1 101"), "WebSocket upgrade: " + upgrade);
        watchers.forEach(w -> w.nextPresence(t, List.of(bob)));
        bobRaw.abort();
        watchers.forEach(w -> w.nextPresence(t, List.of(), leave));

        // An event stream on a raw socket, reset after its presence has arrived.
        RawClient carolRaw = track(RawClient.connect(server, 0));
        carolRaw.requestEventStream(path("api/store/order/sse/" + t), carol).readUntil("presence", WAIT);
        watchers.forEach(w -> w.nextPresence(t, List.of(carol)));
        carolRaw.abort();
        watchers.forEach(w -> w.nextPresence(t, List.of(), leave));
    }

    /**
     * A client that goes without a word leaves the table within about one heartbeat: an event stream its client
     * closed (FIN) or reset is written to at the heartbeat and again at the next tick, where the write fails; a
     * WebSocket that stops answering is closed once the heartbeat's ping has gone unanswered for the pong timeout.
     */
    @Test
    void aClientGoneWithoutAWordLeavesWithinAboutOneHeartbeat() {
        int t = VANISH_TABLE;
        clearCart(t);
        Duration heartbeat = TestDatabase.settings().heartbeat();
        // a heartbeat, the probe a tick later, the presence delay, and slack for a loaded machine
        Duration streamBound = heartbeat.plusMillis(600);
        Token dan = join(t, "Dan");
        WsClient observer = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        Live watcher = Live.of(observer);

        for (int round = 1; round <= 4; round++) {
            RawClient stream = track(RawClient.connect(server, 0));
            stream.requestEventStream(path("api/store/order/sse/" + t), dan).readUntil("presence", WAIT);
            watcher.nextPresence(t, List.of(dan));
            sleepQuietly(heartbeat.toMillis() * round / 5); // a different phase of the heartbeat each round
            long closed = System.nanoTime();
            if (round % 2 == 0) {
                stream.abort();
            } else {
                stream.close();
            }
            watcher.nextPresence(t, List.of(), WAIT);
            Duration took = Duration.ofNanos(System.nanoTime() - closed);
            assertTrue(
                    took.compareTo(streamBound) <= 0,
                    "round " + round + ": a stream " + (round % 2 == 0 ? "reset" : "closed")
                            + " by its client left after " + took.toMillis() + " ms; bound "
                            + streamBound.toMillis() + " ms");
        }

        // A WebSocket whose client stops reading and answering (its network went away): the TCP connection stays.
        RawClient silent = track(RawClient.connect(server, 0));
        String upgrade = silent.requestWebSocket(path("ws/cart/" + t), dan).readHead(WAIT);
        assertTrue(upgrade.startsWith("HTTP/1.1 101"), "WebSocket upgrade: " + upgrade);
        watcher.nextPresence(t, List.of(dan));
        long quiet = System.nanoTime();
        Duration socketBound =
                heartbeat.plus(TestDatabase.PONG_TIMEOUT).plus(heartbeat).plusSeconds(1);
        watcher.nextPresence(t, List.of(), socketBound.plus(WAIT));
        Duration took = Duration.ofNanos(System.nanoTime() - quiet);
        assertTrue(
                took.compareTo(socketBound) <= 0,
                "a silent WebSocket left after " + took.toMillis() + " ms; bound " + socketBound.toMillis() + " ms");
        RawClient.Drained end = silent.drain(true, WAIT);
        assertEquals(1013, end.closeCode(), "the silent socket is told to reconnect: " + end);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theBoardSeesWhoSitsAtItsStoresTablesButNotAtAnotherStoresNorStaff() {
        int t1 = BOARD_TABLE;
        int t2 = OTHER_BOARD_TABLE;
        clearCart(t1);
        clearCart(t2);
        Token alice = join(t1, "Alice");
        Token bob = join(t1, "Bob");
        Token dora = join(t2, "Dora");
        Token eve = join(t2, "Eve");
        WsClient aliceWs = ws(t1, alice);
        track(server.ws(t1, staff1)).paced(PACE).joined(WAIT);
        WsClient doraWs = ws(t2, dora);
        Live.of(aliceWs).nextPresence(t1, List.of(alice));
        Live.of(doraWs).nextPresence(t2, List.of(dora));

        SseClient board1Sse = joinBoardSse(1, Token.Via.HEADER);
        WsClient board1Ws = joinBoardWs(1, Token.Via.QUERY);
        WsClient board2Ws = joinBoardWs(2, Token.Via.QUERY);
        assertAll(
                "the boards' greetings",
                () -> assertOccupied(greeting(board1Sse), 1, t1, List.of(alice), "store 1's SSE board"),
                () -> assertOccupied(greeting(board1Ws), 1, t1, List.of(alice), "store 1's WebSocket board"),
                () -> assertOccupied(greeting(board2Ws), 2, t2, List.of(dora), "store 2's WebSocket board"));
        List<Live> boards1 = List.of(Live.of(board1Sse), Live.of(board1Ws));
        Live board2 = Live.of(board2Ws);

        WsClient bobWs = ws(t1, bob);
        boards1.forEach(b -> b.nextPresence(t1, List.of(alice, bob)));
        WsClient eveWs = ws(t2, eve);
        board2.nextPresence(t2, List.of(dora, eve));
        bobWs.close();
        boards1.forEach(b -> b.nextPresence(t1, List.of(alice)));
        eveWs.close();
        board2.nextPresence(t2, List.of(dora));

        // Store 1's boards had Bob's leave after Eve's arrival, store 2's Eve's leave after Bob's: by then any
        // presence of the other store would have arrived. (Tables of this test class's earlier tests may still show
        // up on store 1's board as their streams are found closed: only the store is checked.)
        List<Executable> checks = new ArrayList<>();
        for (Live board : boards1) {
            checks.add(() -> assertEquals(
                    List.of(),
                    board.presenceTables().stream().filter(id -> id > 20).toList(),
                    board + ": presence of store 2's tables on store 1's board"));
        }
        checks.add(() -> assertEquals(
                List.of(),
                board2.presenceTables().stream().filter(id -> id <= 20).toList(),
                "presence of store 1's tables on store 2's board"));
        for (Live board : List.of(boards1.get(0), boards1.get(1), board2)) {
            checks.add(() -> board.all("presence")
                    .forEach(p -> assertFalse(userIds(p).contains(staff1.userId()), board + ": staff listed in " + p)));
        }
        assertAll("presence on the boards", checks.stream());
    }

    // ---- messages ------------------------------------------------------------------------------------------------

    @Test
    void aTableMessageReachesEveryClientAtTheTableOverBothChannelsAndNoOtherTable() {
        int t = CHAT_TABLE;
        int next = NEXT_TABLE;
        clearCart(t);
        clearCart(next);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        Token olga = join(next, "Olga");
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, bob);
        WsClient staffWs = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        SseClient staffSse = track(server.sse(t, staff1)).joined(WAIT);
        WsClient olgaWs = ws(next, olga);
        SseClient nextSse = sse(next, join(next, "Pia"));
        List<Live> table = List.of(Live.of(aliceWs), Live.of(bobSse), Live.of(staffWs), Live.of(staffSse));
        List<Live> nextTable = List.of(Live.of(olgaWs), Live.of(nextSse));

        aliceWs.send("table_message", Jsons.object("text", "hi all"));
        awaitSuccess(aliceWs, "table_message");
        assertAll(
                "Alice's table_message (WebSocket)",
                table.stream()
                        .map(live -> () -> assertMessage(
                                live.await("table_message", text("hi all")),
                                t,
                                alice,
                                false,
                                "hi all",
                                live.toString())));

        Api.Response sent = server.api(bob).message(t, "table_message", "from REST");
        assertAnswer(sent, 200, "Bob's table_message over REST");
        assertMessage(sent.data().asJsonObject(), t, bob, false, "from REST", "the REST answer");
        assertAll(
                "Bob's table_message (REST)",
                table.stream()
                        .map(live -> () -> assertMessage(
                                live.await("table_message", text("from REST")),
                                t,
                                bob,
                                false,
                                "from REST",
                                live.toString())));

        olgaWs.send("table_message", Jsons.object("text", "at the next table"));
        nextTable.forEach(live -> live.await("table_message", text("at the next table")));
        aliceWs.send("table_message", Jsons.object("text", "last one"));
        table.forEach(live -> live.await("table_message", text("last one")));
        List<Executable> checks = new ArrayList<>();
        for (Live live : nextTable) {
            checks.add(() -> assertEquals(
                    List.of("at the next table"), live.texts("table_message"), live + " at table " + next));
        }
        for (Live live : table) {
            checks.add(() -> assertEquals(
                    List.of("hi all", "from REST", "last one"), live.texts("table_message"), live + " at table " + t));
        }
        assertAll("messages stay at their table", checks.stream());
    }

    @Test
    void callStaffReachesTheStoresBoardOnBothChannelsAndTheTableButNotAnotherStoresBoard() {
        int t = CALL_TABLE;
        int away = OTHER_CALL_TABLE;
        clearCart(t);
        clearCart(away);
        Token alice = join(t, "Alice");
        Token dora = join(away, "Dora");
        WsClient aliceWs = ws(t, alice);
        SseClient tableSse = sse(t, join(t, "Bob"));
        List<Live> board1 =
                List.of(Live.of(joinBoardSse(1, Token.Via.QUERY)), Live.of(joinBoardWs(1, Token.Via.QUERY)));
        List<Live> board2 =
                List.of(Live.of(joinBoardSse(2, Token.Via.HEADER)), Live.of(joinBoardWs(2, Token.Via.HEADER)));
        String number = tokens.table(t).getString("number");

        aliceWs.send("call_staff", Jsons.object("text", "more napkins"));
        awaitSuccess(aliceWs, "call_staff");
        List<Executable> checks = new ArrayList<>();
        for (Live live : List.of(board1.get(0), board1.get(1), Live.of(aliceWs), Live.of(tableSse))) {
            checks.add(() -> {
                JsonObject call = live.await("call_staff", text("more napkins"));
                assertMessage(call, t, alice, false, "more napkins", live.toString());
                assertEquals(number, call.getString("tableNumber", null), live + ": tableNumber");
            });
        }
        assertAll("call_staff from the socket", checks.stream());

        assertAnswer(server.api(dora).message(away, "call_staff", "the bill please"), 200, "Dora's call over REST");
        board2.forEach(live -> assertMessage(
                live.await("call_staff", text("the bill please")),
                away,
                dora,
                false,
                "the bill please",
                live.toString()));
        assertAnswer(server.api(alice).message(t, "call_staff", "water"), 200, "Alice's call over REST");
        board1.forEach(live ->
                assertMessage(live.await("call_staff", text("water")), t, alice, false, "water", live.toString()));

        // Store 1's boards got "water" after Dora's call, store 2's boards Dora's call after "more napkins".
        assertAll(
                "calls stay in their store",
                () -> board1.forEach(
                        live -> assertEquals(List.of(t), live.messageTables("call_staff"), live + " of store 1")),
                () -> board2.forEach(
                        live -> assertEquals(List.of(away), live.messageTables("call_staff"), live + " of store 2")));
    }

    @Test
    void staffAnswerFromTheBoardSocketOverRestAndOnATableSocketAndTheTableHearsIt() {
        int t = STAFF_TABLE;
        clearCart(t);
        Token alice = join(t, "Alice");
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, join(t, "Bob"));
        WsClient boardWs = joinBoardWs(1, Token.Via.QUERY);
        SseClient boardSse = joinBoardSse(1, Token.Via.HEADER);
        WsClient staffAtTable = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        List<Live> table = List.of(Live.of(aliceWs), Live.of(bobSse));

        boardWs.send("staff_message", Jsons.object("tableId", t, "text", "5 minutes"));
        awaitSuccess(boardWs, "staff_message");
        List<Executable> fromBoard = new ArrayList<>();
        for (Live live : List.of(table.get(0), table.get(1), Live.of(boardSse))) {
            fromBoard.add(() -> assertMessage(
                    live.await("staff_message", text("5 minutes")), t, staff1, true, "5 minutes", live.toString()));
        }
        assertAll("staff_message from the board's socket", fromBoard.stream());

        Api.Response rest = server.api(staff1).message(t, "staff_message", "your soup is coming");
        assertAnswer(rest, 200, "staff_message over REST");
        table.forEach(live -> assertMessage(
                live.await("staff_message", text("your soup is coming")),
                t,
                staff1,
                true,
                "your soup is coming",
                live.toString()));

        staffAtTable.send("staff_message", Jsons.object("text", "on its way"));
        awaitSuccess(staffAtTable, "staff_message");
        List<Executable> fromTable = new ArrayList<>();
        for (Live live : List.of(table.get(0), table.get(1), Live.of(boardSse))) {
            fromTable.add(() -> assertMessage(
                    live.await("staff_message", text("on its way")), t, staff1, true, "on its way", live.toString()));
        }
        assertAll("staff_message from a staff socket at the table", fromTable.stream());
    }

    @Test
    void aTextTooLongOrEmptyIsRefusedWith400AndTheSocketStaysUsable() {
        int t = LENGTH_TABLE;
        clearCart(t);
        int max = TestDatabase.MESSAGE_MAX_LENGTH;
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, bob);
        Api bobApi = server.api(bob);

        record Bad(String name, JsonObject message) {}
        List<Bad> bad = List.of(
                new Bad(
                        "a text of " + (max + 1) + " characters",
                        Jsons.object("type", "table_message", "data", Jsons.object("text", "x".repeat(max + 1)))),
                new Bad("an empty text", Jsons.object("type", "table_message", "data", Jsons.object("text", ""))),
                new Bad("a blank text", Jsons.object("type", "table_message", "data", Jsons.object("text", "   "))),
                new Bad("no text", Jsons.object("type", "table_message", "data", Jsons.object())),
                new Bad("no data", Jsons.object("type", "table_message")));
        for (Bad input : bad) {
            aliceWs.messages().skipAll();
            aliceWs.send(input.message());
            assertWsError(aliceWs.next("error", WAIT), "bad_request", 400, input.name());
            assertSocketAnswers(aliceWs, input.name(), WAIT);
        }
        assertAll(
                "refused over REST",
                () -> assertRefused(
                        bobApi.message(t, "table_message", "y".repeat(max + 1)), 400, (max + 1) + " characters"),
                () -> assertRefused(bobApi.message(t, "table_message", ""), 400, "an empty text"),
                () -> assertRefused(bobApi.message(t, "table_message", " \t "), 400, "a blank text"),
                () -> assertRefused(bobApi.message(t, "table_message", null), 400, "no text"),
                () -> assertRefused(bobApi.message(t, "shout", "hello"), 400, "an unknown type"),
                () -> assertRefused(
                        bobApi.message(t, "table_message", "pay here \u202egnp.exe"),
                        400,
                        "a text with a bidi override"),
                () -> assertRefused(bobApi.message(t, "table_message", "hi\u200b"), 400, "a zero-width space"),
                () -> assertRefused(bobApi.message(t, "table_message", "hi\u0000"), 400, "a NUL"));
        aliceWs.send("table_message", Jsons.object("text", "evil \u202etxt.exe"));
        assertWsError(aliceWs.next("error", WAIT), "bad_request", 400, "a bidi override over the socket");

        String longest = "z".repeat(max);
        aliceWs.send("table_message", Jsons.object("text", longest));
        awaitSuccess(aliceWs, "table_message");
        aliceWs.send("table_message", Jsons.object("text", "  padded  "));
        awaitSuccess(aliceWs, "table_message");
        aliceWs.send("table_message", Jsons.object("text", " " + "w".repeat(max) + " "));
        awaitSuccess(aliceWs, "table_message");
        Live bobLive = Live.of(bobSse);
        bobLive.await("table_message", text("w".repeat(max)));
        assertEquals(
                List.of(longest, "padded", "w".repeat(max)),
                bobLive.texts("table_message"),
                "delivered: the " + max + "-character text, then the texts trimmed; nothing refused");
    }

    @Test
    void aTextWithMarkupArrivesVerbatimAsAJsonString() {
        int t = VERBATIM_TABLE;
        clearCart(t);
        String markup = "<script>alert('tablecart')</script><b>bold</b> & \"quoted\" \\ </p> <img src=x onerror=1>"
                + " 辣 \uD83D\uDE00";
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, bob);
        WsClient carolWs = ws(t, join(t, "Carol"));

        aliceWs.send("table_message", Jsons.object("text", markup));
        awaitSuccess(aliceWs, "table_message");
        List<Executable> checks = new ArrayList<>();
        for (Live live : List.of(Live.of(aliceWs), Live.of(bobSse), Live.of(carolWs))) {
            checks.add(() -> assertEquals(
                    markup,
                    live.await("table_message", from(alice)).getString("text"),
                    live + ": the text, character for character"));
        }
        Api.Response sent = server.api(bob).message(t, "call_staff", markup);
        assertAnswer(sent, 200, "a call_staff with markup over REST");
        checks.add(() -> assertEquals(markup, sent.data().asJsonObject().getString("text"), "the REST answer"));
        checks.add(() -> assertEquals(
                markup,
                Live.of(aliceWs).await("call_staff", from(bob)).getString("text"),
                "the call_staff at the table"));
        assertAll("markup is text", checks.stream());

        SseClient.Event raw = bobSse.events().all().stream()
                .filter(e -> e.name().equals("table_message"))
                .findFirst()
                .orElseThrow();
        assertAll(
                "the stream's data line " + raw.data(),
                () -> assertFalse(
                        raw.data().contains("&lt;") || raw.data().contains("&amp;"), "not HTML-escaped on the wire"),
                () -> assertTrue(
                        Jsons.parseObject(raw.data()).get("text") instanceof JsonString, "the text is a JSON string"));
    }

    @Test
    void dinersMayNotSendStaffMessagesAndStaffMayNotSendDinersMessages() {
        int t = ROLE_TABLE;
        clearCart(t);
        Token alice = join(t, "Alice");
        Token bob = join(t, "Bob");
        Token stranger = join(STRANGER_TABLE, "Stranger");
        WsClient aliceWs = ws(t, alice);
        SseClient bobSse = sse(t, bob);
        WsClient staffWs = track(server.ws(t, staff1)).paced(PACE).joined(WAIT);
        WsClient board = joinBoardWs(1, Token.Via.QUERY);

        aliceWs.messages().skipAll();
        aliceWs.send("staff_message", Jsons.object("text", "free dessert for all"));
        assertWsError(aliceWs.next("error", WAIT), null, 403, "a diner's staff_message on the socket");
        staffWs.messages().skipAll();
        staffWs.send("table_message", Jsons.object("text", "staff chatter"));
        assertWsError(staffWs.next("error", WAIT), null, 403, "staff sending table_message on the socket");
        staffWs.send("call_staff", Jsons.object("text", "calling myself"));
        assertWsError(staffWs.next("error", WAIT), null, 403, "staff sending call_staff on the socket");
        assertAll(
                "refused over REST",
                () -> assertRefused(
                        server.api(alice).message(t, "staff_message", "free dessert for all"),
                        403,
                        "a diner's staff_message"),
                () -> assertRefused(
                        server.api(staff1).message(t, "table_message", "staff chatter"),
                        403,
                        "staff sending table_message"),
                () -> assertRefused(
                        server.api(staff1).message(t, "call_staff", "calling myself"), 403, "staff sending call_staff"),
                () -> assertRefused(
                        server.api(stranger).message(t, "table_message", "hello neighbours"),
                        403,
                        "a diner of another table"),
                () -> assertRefused(
                        server.api(staff2).message(t, "staff_message", "from the other store"),
                        403,
                        "staff of another store"),
                () -> assertRefused(server.api().message(t, "table_message", "anonymous"), 401, "no token"));
        assertSocketAnswers(aliceWs, "the refused staff_message", WAIT);

        aliceWs.send("table_message", Jsons.object("text", "ok then"));
        aliceWs.send("call_staff", Jsons.object("text", "sorry"));
        Live bobLive = Live.of(bobSse);
        Live boardLive = Live.of(board);
        bobLive.await("call_staff", text("sorry"));
        boardLive.await("call_staff", text("sorry"));
        assertAll(
                "nothing refused was delivered",
                () -> assertEquals(List.of(), bobLive.texts("staff_message"), "staff_message at the table"),
                () -> assertEquals(List.of("ok then"), bobLive.texts("table_message"), "table_message at the table"),
                () -> assertEquals(List.of("sorry"), bobLive.texts("call_staff"), "call_staff at the table"),
                () -> assertEquals(List.of(), boardLive.texts("staff_message"), "staff_message on the board"),
                () -> assertEquals(List.of("sorry"), boardLive.texts("call_staff"), "call_staff on the board"));
    }

    @Test
    void theMessageRatePerUserIsLimitedAcrossChannelsAndARefusedMessageReachesNobody() {
        int t = RATE_TABLE;
        clearCart(t);
        int limit = TestDatabase.MESSAGES_PER_MINUTE;
        Token rita = join(t, "Rita");
        Token bob = join(t, "Bob");
        Token carol = join(t, "Carol");
        WsClient ritaWs = ws(t, rita);
        SseClient bobSse = sse(t, bob);
        WsClient carolWs = ws(t, carol);
        Api ritaApi = server.api(rita);

        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> refusedBy = new ArrayList<>();
        // Alternating socket and REST; a minute is the window, so after the first refusal the next one (over the
        // other channel) is refused as well. Sending goes on until both channels have been refused.
        for (int i = 0; i < limit * 3 && refusedBy.size() < 2; i++) {
            String text = "message " + i;
            if (i % 2 == 0) {
                ritaWs.messages().skipAll();
                ritaWs.send("table_message", Jsons.object("text", text));
                JsonObject reply = ritaWs.messages()
                        .await(
                                "the reply to '" + text + "'",
                                m -> "table_message_success".equals(type(m)) || "error".equals(type(m)),
                                WAIT);
                if ("error".equals(type(reply))) {
                    assertWsError(reply, "too_many_messages", 429, "'" + text + "' over the socket");
                    refused.add(text);
                    refusedBy.add("socket");
                } else {
                    accepted.add(text);
                }
            } else {
                Api.Response answer = ritaApi.message(t, "table_message", text);
                if (answer.status() == 200) {
                    assertAnswer(answer, 200, "'" + text + "' over REST");
                    accepted.add(text);
                } else {
                    assertRefused(answer, 429, "'" + text + "' over REST");
                    refused.add(text);
                    refusedBy.add("REST");
                }
            }
        }
        List<String> firstTexts = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            firstTexts.add("message " + i);
        }
        assertAll(
                "Rita's " + (accepted.size() + refused.size()) + " messages: accepted " + accepted + ", refused "
                        + refused,
                () -> assertTrue(
                        accepted.size() >= limit && accepted.subList(0, limit).equals(firstTexts),
                        "the first " + limit + " are accepted"),
                () -> assertEquals(Set.of("socket", "REST"), new HashSet<>(refusedBy), "refused on both channels"));

        carolWs.send("table_message", Jsons.object("text", "marker"));
        awaitSuccess(carolWs, "table_message");
        List<Executable> checks = new ArrayList<>();
        for (Live live : List.of(Live.of(bobSse), Live.of(carolWs), Live.of(ritaWs))) {
            checks.add(() -> {
                live.await("table_message", text("marker"));
                List<String> delivered = live.texts("table_message");
                List<String> expected = new ArrayList<>(accepted);
                expected.add("marker");
                assertEquals(expected, delivered, live + ": every accepted message and the marker, nothing refused");
            });
        }
        assertAll("delivery", checks.stream());
    }

    // ---- helpers: clients ----------------------------------------------------------------------------------------

    /** A new diner of the table (a user of its own, so that message budgets never carry over). */
    private Token join(int table, String nickname) {
        return tokens.join(table, nickname, null);
    }

    private void clearCart(int table) {
        tokens.staffApi(table <= 20 ? 1 : 2).clear(table).ok();
    }

    private SseClient sse(int table, Token diner) {
        return track(server.sse(table, diner)).joined(WAIT);
    }

    private WsClient ws(int table, Token diner) {
        return track(server.ws(table, diner)).paced(PACE).joined(WAIT);
    }

    /** The store's board over SSE, after its {@code connected} and {@code order_board}. */
    private SseClient joinBoardSse(int storeId, Token.Via via) {
        SseClient sse = track(server.boardSse(storeId, tokens.staff(storeId), via));
        if (sse.status() != 200) {
            throw new AssertionError("store " + storeId + "'s board stream answered " + sse.response());
        }
        sse.next("connected", WAIT);
        sse.next("order_board", WAIT);
        return sse;
    }

    /** The store's board over a WebSocket, after its {@code connected} and {@code order_board}. */
    private WsClient joinBoardWs(int storeId, Token.Via via) {
        WsClient ws = track(server.boardWs(storeId, tokens.staff(storeId), via)).paced(PACE);
        ws.next("connected", WAIT);
        ws.next("order_board", WAIT);
        return ws;
    }

    private static JsonObject greeting(SseClient board) {
        return board.events()
                .last(e -> e.name().equals("order_board"))
                .orElseThrow()
                .json();
    }

    private static JsonObject greeting(WsClient board) {
        return data(board.messages().last(m -> "order_board".equals(type(m))).orElseThrow());
    }

    private String path(String relative) {
        return server.app(relative).getRawPath();
    }

    /** The first event of a stream after the greeting that is not a heartbeat; its data as JSON. */
    private static JsonObject firstAfterGreeting(SseClient sse) {
        SseClient.Event event = sse.events()
                .await("the first event after the greeting", e -> !e.name().equals("heartbeat"), WAIT);
        assertEquals("presence", event.name(), "the event right after the greeting: " + event);
        return event.json();
    }

    /** The replies to a socket's messages arrive in order: waits for the next success of this type. */
    private static void awaitSuccess(WsClient ws, String type) {
        JsonObject reply = ws.messages()
                .await(
                        type + "_success or an error",
                        m -> (type + "_success").equals(type(m)) || "error".equals(type(m)),
                        WAIT);
        assertEquals(type + "_success", type(reply), "the reply: " + reply);
    }

    /**
     * An SSE or WebSocket client seen alike: the (type, data) of what it received, waits that consume (presence, in
     * order) and waits that do not (messages, wherever they are).
     */
    private static final class Live {

        private final String name;
        private final SseClient sse;
        private final WsClient ws;

        private Live(String name, SseClient sse, WsClient ws) {
            this.name = name;
            this.sse = sse;
            this.ws = ws;
        }

        static Live of(SseClient sse) {
            return new Live("SSE@" + Integer.toHexString(System.identityHashCode(sse)), sse, null);
        }

        static Live of(WsClient ws) {
            return new Live("WebSocket@" + Integer.toHexString(System.identityHashCode(ws)), null, ws);
        }

        /** The data of every event of this type received so far, in arrival order. */
        List<JsonObject> all(String type) {
            if (sse != null) {
                return sse.events().all().stream()
                        .filter(e -> e.name().equals(type))
                        .map(SseClient.Event::json)
                        .toList();
            }
            return ws.messages().all().stream()
                    .filter(m -> type.equals(type(m)))
                    .map(Answers::data)
                    .toList();
        }

        /** Waits for an event of this type whose data matches, wherever it is; returns the first such data. */
        JsonObject await(String type, Predicate<JsonObject> match) {
            String what = type + " matching";
            if (sse != null) {
                Predicate<SseClient.Event> event = e -> e.name().equals(type) && match.test(e.json());
                sse.events().awaitAll(what, list -> list.stream().anyMatch(event), WAIT);
                return sse.events().all().stream()
                        .filter(event)
                        .findFirst()
                        .orElseThrow()
                        .json();
            }
            Predicate<JsonObject> message = m -> type.equals(type(m)) && match.test(data(m));
            ws.messages().awaitAll(what, list -> list.stream().anyMatch(message), WAIT);
            return data(ws.messages().all().stream().filter(message).findFirst().orElseThrow());
        }

        /** Consumes up to the next presence of the table that lists exactly these diners, in this order. */
        JsonObject nextPresence(int table, List<Token> diners) {
            return nextPresence(table, diners, WAIT);
        }

        JsonObject nextPresence(int table, List<Token> diners, Duration timeout) {
            List<String> expected = seats(diners);
            String what = "presence of table " + table + " with " + expected;
            Predicate<JsonObject> match = p ->
                    p.get("tableId") instanceof JsonNumber n && n.longValue() == table && expected.equals(seats(p));
            if (sse != null) {
                return sse.events()
                        .await(what, e -> e.name().equals("presence") && match.test(e.json()), timeout)
                        .json();
            }
            return data(ws.messages().await(what, m -> "presence".equals(type(m)) && match.test(data(m)), timeout));
        }

        /** The tables of every presence received, each once, in order of first appearance. */
        List<Integer> presenceTables() {
            return all("presence").stream()
                    .map(p -> p.getInt("tableId"))
                    .distinct()
                    .toList();
        }

        /** The tables of every message of this type received, each once. */
        List<Integer> messageTables(String type) {
            return all(type).stream().map(p -> p.getInt("tableId")).distinct().toList();
        }

        /** The texts of every message of this type received, in arrival order. */
        List<String> texts(String type) {
            return all(type).stream().map(m -> m.getString("text", null)).toList();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    // ---- helpers: presence and messages --------------------------------------------------------------------------

    /** "userId:nickname" of each diner, in order. */
    private static List<String> seats(List<Token> diners) {
        return diners.stream()
                .map(d -> Objects.requireNonNull(d.userId(), "userId of " + d) + ":" + d.nickname())
                .toList();
    }

    private static List<String> seats(JsonObject presence) {
        if (!(presence.get("diners") instanceof JsonArray diners)) {
            return List.of("<no diners array>");
        }
        return diners.getValuesAs(JsonObject.class).stream()
                .map(d -> (d.get("userId") instanceof JsonNumber n ? String.valueOf(n.longValue()) : "?") + ":"
                        + d.getString("nickname", "?"))
                .toList();
    }

    private static List<Long> userIds(JsonObject presence) {
        return presence.getJsonArray("diners").getValuesAs(JsonObject.class).stream()
                .map(d -> Jsons.longValue(d, "userId"))
                .toList();
    }

    private static void assertPresence(JsonObject presence, int table, List<Token> diners, String where) {
        assertAll(
                where + ": " + presence,
                () -> assertEquals(table, presence.getInt("tableId"), "tableId"),
                () -> assertEquals(seats(diners), seats(presence), "the diners, in order of arrival"));
    }

    /** The greeting lists this table with these diners, only tables of the store, each with someone at it. */
    private static void assertOccupied(JsonObject greeting, int storeId, int table, List<Token> diners, String where) {
        List<JsonObject> tables = greeting.getJsonArray("tables").getValuesAs(JsonObject.class);
        assertAll(
                where + ": tables " + tables,
                () -> assertEquals(
                        seats(diners),
                        tables.stream()
                                .filter(p -> p.getInt("tableId") == table)
                                .findFirst()
                                .map(TablePresenceIT::seats)
                                .orElse(List.of("<table " + table + " not listed>")),
                        "table " + table),
                () -> assertTrue(
                        tables.stream().allMatch(p -> (p.getInt("tableId") <= 20 ? 1 : 2) == storeId),
                        "only the store's tables"),
                () -> assertTrue(
                        tables.stream().noneMatch(p -> p.getJsonArray("diners").isEmpty()), "only occupied tables"));
    }

    private static Predicate<JsonObject> text(String text) {
        return m -> text.equals(m.getString("text", null));
    }

    private static Predicate<JsonObject> from(Token who) {
        return m -> m.get("from") instanceof JsonObject f
                && f.get("userId") instanceof JsonNumber n
                && n.longValue() == who.userId();
    }

    /** {tableId, from: {userId, nickname, staff}, text, sentAt}. */
    private static void assertMessage(
            JsonObject message, int table, Token from, boolean staff, String text, String where) {
        JsonObject sender = message.get("from") instanceof JsonObject f ? f : JsonValue.EMPTY_JSON_OBJECT;
        assertAll(
                where + ": " + message,
                () -> assertEquals(table, message.getInt("tableId", -1), "tableId"),
                () -> assertEquals(
                        (Object) from.userId(),
                        sender.get("userId") instanceof JsonNumber n ? (Object) n.longValue() : null,
                        "from.userId"),
                () -> assertEquals(from.nickname(), sender.getString("nickname", null), "from.nickname"),
                () -> assertEquals(staff, sender.getBoolean("staff", !staff), "from.staff"),
                () -> assertEquals(text, message.getString("text", null), "text"),
                () -> sentAt(message));
    }

    private static Instant sentAt(JsonObject message) {
        String text = message.getString("sentAt", null);
        if (text == null) {
            throw new AssertionError("sentAt is not a string: " + message);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new AssertionError("sentAt is not an ISO-8601 timestamp: " + text, e);
            }
        }
    }
}
