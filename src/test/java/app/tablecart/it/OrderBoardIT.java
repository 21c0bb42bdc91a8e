package app.tablecart.it;

import static app.tablecart.it.support.Answers.assertRefused;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Answers.data;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * A store's live order board: its greeting, new orders with the count of unprocessed ones, scoped to its store and its
 * staff; status changes legal and illegal and where they are pushed; the paged order list.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderBoardIT extends OrderTests {

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
        assertAll(
                "no board sees another store's order",
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
        assertEquals(
                List.of(orderNo(o1a), orderNo(o1b)),
                orders.subList(orders.size() - 2, orders.size()).stream()
                        .map(OrderTests::orderNo)
                        .toList(),
                "the newest open orders come last (oldest first)");
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
            checks.add(() -> assertRefused(
                    track(server.boardSse(1, other, via)).response(),
                    403,
                    "store 2's staff on store 1's SSE board, token in the " + via));
            checks.add(() -> assertRefused(
                    track(server.boardSse(1, jon, via)).response(),
                    403,
                    "a diner of store 1 on its SSE board, token in the " + via));
            checks.add(() -> assertBoardSocketRefused(other, via, 403, "store 2's staff"));
            checks.add(() -> assertBoardSocketRefused(jon, via, 403, "a diner of store 1"));
        }
        checks.add(() -> assertRefused(
                track(server.boardSse(1, ivo, Token.Via.HEADER)).response(),
                403,
                "a diner of store 2 on store 1's SSE board"));
        checks.add(() -> assertRefused(
                track(server.boardSse(1, null, Token.Via.HEADER)).response(), 401, "no token on the SSE board"));
        checks.add(() -> assertBoardSocketRefused(null, Token.Via.QUERY, 401, "no token"));
        checks.add(() -> assertRefused(server.api(other).orders(1, null, null, null), 403, "store 2 lists store 1"));
        checks.add(() -> assertRefused(server.api(jon).orders(1, null, null, null), 403, "a diner lists orders"));
        checks.add(() -> assertRefused(server.api().orders(1, null, null, null), 401, "listing without a token"));
        checks.add(() -> assertRefused(
                server.api(other).setStatus(1, no, "ACCEPTED", null), 403, "store 2 accepts store 1's order"));
        checks.add(() -> assertRefused(
                server.api(other).setStatus(2, no, "ACCEPTED", null),
                404,
                "store 2 accepts store 1's order on its own path"));
        checks.add(() ->
                assertRefused(server.api(jon).setStatus(1, no, "ACCEPTED", null), 403, "a diner accepts an order"));
        checks.add(() -> assertRefused(server.api().setStatus(1, no, "ACCEPTED", null), 401, "no token"));
        assertAll("access to store 1's board and orders", checks.stream());

        JsonObject listed = listAll(1, null).stream()
                .filter(o -> no.equals(orderNo(o)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("order " + no + " is not listed"));
        assertEquals("SUBMITTED", listed.getString("status"), "the refused changes changed nothing");
        assertEquals(
                200, track(server.boardSse(1, tokens.staff(1), Token.Via.QUERY)).status(), "store 1's staff may watch");
    }

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

        assertAll(
                "illegal changes",
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
                () -> assertRefused(
                        staff1.setStatus(1, noB, "REJECTED", "out\u0000of fish"),
                        400,
                        "REJECTED with a NUL in the reason"),
                () -> assertRefused(staff1.setStatus(1, noB, "COOKED", null), 400, "an unknown status"),
                () -> assertRefused(staff1.setStatus(1, noB, null, null), 400, "no status"),
                () -> assertRefused(staff1.setStatus(1, "9" + noB, "ACCEPTED", null), 404, "an unknown order"));
        boardWs.messages().skipAll();
        boardWs.send("update_status", Jsons.object("orderNo", noA, "status", "ACCEPTED"));
        assertWsError(boardWs.next("error", WAIT), null, 409, "update_status PAID -> ACCEPTED on the board socket");
        boardWs.send("update_status", Jsons.object("orderNo", noB, "status", "REJECTED"));
        assertWsError(
                boardWs.next("error", WAIT), null, 400, "update_status REJECTED without a reason on the board socket");
        boardWs.send("update_status", Jsons.object("orderNo", noB + "\u0000", "status", "ACCEPTED"));
        assertWsError(boardWs.next("error", WAIT), null, 400, "update_status with a NUL in the order number");

        Api.Response rejected = staff1.setStatus(1, noB, "REJECTED", "out of fish");
        assertChanged(rejected, b, "REJECTED", watchers, boards);
        assertEquals("out of fish", rejected.data().asJsonObject().getString("rejectReason"), "the reason");
        assertRefused(staff1.setStatus(1, noB, "ACCEPTED", null), 409, "REJECTED -> ACCEPTED");
        assertChanged(staff1.setStatus(1, noC, "ACCEPTED", null), c, "ACCEPTED", watchers, boards);
        assertChanged(staff1.setStatus(1, noC, "REJECTED", "kitchen closed"), c, "REJECTED", watchers, boards);

        // The last legal change has arrived everywhere: the refused ones would have arrived before it.
        Map<String, List<String>> legal = Map.of(
                noA,
                List.of("ACCEPTED", "SERVED", "PAID"),
                noB,
                List.of("REJECTED"),
                noC,
                List.of("ACCEPTED", "REJECTED"));
        List<Executable> checks = new ArrayList<>();
        for (Board client : List.of(watchers.get(0), watchers.get(1), boards.get(0), boards.get(1))) {
            legal.forEach((no, statuses) -> checks.add(() -> assertEquals(
                    statuses, client.statusesOf(no), client.name() + ": the order_status events of " + no)));
        }
        assertAll("only legal changes were pushed", checks.stream());
        JsonObject listedB = listAll(1, "REJECTED").stream()
                .filter(o -> noB.equals(orderNo(o)))
                .findFirst()
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
        List<String> numbers = submitted.stream().map(OrderTests::orderNo).toList();
        assertAll(
                "GET orders?status=SUBMITTED&page=0&size=100: " + page,
                () -> assertEquals(0, page.getInt("page")),
                () -> assertEquals(100, page.getInt("size")),
                () -> assertTrue(total <= 100, "inconclusive: more than 100 SUBMITTED orders in store 1: " + total),
                () -> assertEquals(total, submitted.size(), "every SUBMITTED order on one page"),
                () -> assertTrue(
                        submitted.stream().allMatch(o -> "SUBMITTED".equals(o.getString("status"))),
                        "only SUBMITTED orders"),
                () -> assertTrue(submitted.stream().allMatch(o -> o.getInt("storeId") == 1), "only store 1's"),
                () -> assertTrue(numbers.containsAll(List.of(orderNo(second), orderNo(third))), "the new ones"),
                () -> assertFalse(numbers.contains(orderNo(first)), "not the accepted one"),
                () -> assertEquals(orderNo(third), numbers.get(0), "the newest first"),
                () -> assertEquals(orderNo(second), numbers.get(1), "then the one before"),
                () -> assertNewestFirst(submitted));
        submitted.forEach(OrderTests::assertWellFormedOrder);
        assertSameOrder(third, submitted.get(0), "the listed order");

        List<String> accepted =
                listAll(1, "ACCEPTED").stream().map(OrderTests::orderNo).toList();
        List<String> everything =
                listAll(1, null).stream().map(OrderTests::orderNo).toList();
        assertAll(
                "other filters",
                () -> assertTrue(accepted.contains(orderNo(first)), "ACCEPTED lists the accepted order"),
                () -> assertFalse(accepted.contains(orderNo(third)), "ACCEPTED does not list a SUBMITTED one"),
                () -> assertTrue(
                        everything.containsAll(List.of(orderNo(first), orderNo(second), orderNo(third))),
                        "no filter lists every status"));

        List<String> paged = new ArrayList<>();
        for (int p = 0; p * 2 < total; p++) {
            JsonObject slice = staff1.orders(1, "SUBMITTED", p, 2).ok().data().asJsonObject();
            int index = p;
            assertAll(
                    "page " + p + " of size 2: " + slice,
                    () -> assertEquals(index, slice.getInt("page")),
                    () -> assertEquals(2, slice.getInt("size")),
                    () -> assertEquals(total, Jsons.longValue(slice, "total")),
                    () -> assertEquals(
                            Math.min(2, total - index * 2L),
                            slice.getJsonArray("items").size()));
            slice.getJsonArray("items").getValuesAs(JsonObject.class).forEach(o -> paged.add(orderNo(o)));
        }
        assertEquals(numbers, paged, "pages of 2 concatenated = the single page");
        JsonObject beyond =
                staff1.orders(1, "SUBMITTED", (int) total, 1).ok().data().asJsonObject();
        assertTrue(beyond.getJsonArray("items").isEmpty(), "a page beyond the last is empty: " + beyond);
        JsonObject defaults =
                staff1.orders(1, "SUBMITTED", null, null).ok().data().asJsonObject();
        assertAll(
                "defaults " + defaults,
                () -> assertEquals(0, defaults.getInt("page")),
                () -> assertEquals(20, defaults.getInt("size")));

        assertAll(
                "bad list requests",
                () -> assertRefused(staff1.orders(1, "COOKED", null, null), 400, "an unknown status"),
                () -> assertRefused(staff1.orders(1, null, null, 0), 400, "size 0"),
                () -> assertRefused(staff1.orders(1, null, null, 101), 400, "size 101"),
                () -> assertRefused(staff1.orders(1, null, -1, null), 400, "page -1"));
        assertEquals(
                100, staff1.orders(1, null, 0, 100).ok().data().asJsonObject().getInt("size"), "size 100");
        JsonObject farBeyond =
                staff1.orders(1, null, Integer.MAX_VALUE, 100).ok().data().asJsonObject();
        assertAll(
                "page " + Integer.MAX_VALUE + " of size 100: " + farBeyond,
                () -> assertTrue(farBeyond.getJsonArray("items").isEmpty(), "empty"),
                () -> assertEquals(Integer.MAX_VALUE, farBeyond.getInt("page")),
                () -> assertEquals(total(1, null), Jsons.longValue(farBeyond, "total"), "the total still counted"));
    }
}
