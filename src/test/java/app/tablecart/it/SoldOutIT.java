package app.tablecart.it;

import static app.tablecart.it.support.Answers.assertAnswer;
import static app.tablecart.it.support.Answers.assertRefused;
import static app.tablecart.it.support.Answers.assertWsError;
import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** A dish sold out reaches every table of the store and blocks adding and submitting until it is back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SoldOutIT extends OrderTests {

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
            assertEquals(
                    JsonValue.TRUE,
                    Carts.line(before, dish).orElseThrow().get("available"),
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

            assertAll(
                    "refused availability changes",
                    () -> assertRefused(lin.setAvailable(1, dish, false), 403, "a diner"),
                    () -> assertRefused(staff2.setAvailable(1, dish, false), 403, "staff of another store"),
                    () -> assertRefused(staff1.setAvailable(1, dish, "no"), 400, "available not a boolean"),
                    () -> assertRefused(staff1.setAvailable(1, foreign, false), 404, "another store's dish"));
            assertSameCart(before, staff1.cart(t), "the cart after refused changes");

            Api.Response soldOut = staff1.setAvailable(1, dish, false).ok();
            JsonObject cuisine = soldOut.data().asJsonObject();
            assertAll(
                    "the answer " + cuisine,
                    () -> assertEquals(dish, Jsons.longValue(cuisine, "id")),
                    () -> assertEquals(1, cuisine.getInt("storeId")),
                    () -> assertEquals(dishName, cuisine.getString("name")),
                    () -> assertFalse(cuisine.getBoolean("available")));
            Predicate<JsonObject> soldOutDish =
                    c -> Jsons.longValue(c, "id") == dish && JsonValue.FALSE.equals(c.get("available"));
            awaitSse(
                    sse,
                    "menu_update of the sold-out dish",
                    e -> e.name().equals("menu_update") && soldOutDish.test(e.json()));
            awaitWs(ws2, "menu_update", soldOutDish);
            awaitWs(linWs, "menu_update", soldOutDish);
            awaitSse(
                    board,
                    "menu_update of the sold-out dish on the board",
                    e -> e.name().equals("menu_update") && soldOutDish.test(e.json()));
            Predicate<JsonObject> flagged = c -> Carts.line(c, dish)
                    .map(l -> JsonValue.FALSE.equals(l.get("available")))
                    .orElse(false);
            JsonObject flaggedCart = awaitSse(
                            sse,
                            "cart_update with the line unavailable",
                            e -> e.isCartUpdate() && flagged.test(e.json()))
                    .json();
            awaitWs(linWs, "cart_update", flagged);
            JsonObject now = staff1.cart(t);
            assertAll(
                    "the cart holding the sold-out dish " + now,
                    () -> assertEquals(
                            JsonValue.FALSE, Carts.line(now, dish).orElseThrow().get("available"), "flagged"),
                    () -> assertEquals(
                            JsonValue.TRUE,
                            Carts.line(now, other).orElseThrow().get("available"),
                            "the other line is not"),
                    () -> assertEquals(version(flaggedCart), version(now), "GET agrees with the pushed cart"),
                    () -> assertEquals(
                            Carts.items(before).size(), Carts.items(now).size(), "the lines stay"));

            long marker = version(staff2.add(away, menu2.id(1), 1).ok().cart());
            awaySse.awaitVersion(marker, WAIT);
            awayWs.awaitCart("cart_update", marker, WAIT);
            assertAll(
                    "store 2's table",
                    () -> assertTrue(
                            awaySse.events().all().stream()
                                    .noneMatch(e -> e.name().equals("menu_update")),
                            "no menu_update on store 2's stream: "
                                    + awaySse.events().all()),
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
            Predicate<JsonObject> backDish =
                    c -> Jsons.longValue(c, "id") == dish && JsonValue.TRUE.equals(c.get("available"));
            awaitSse(
                    sse,
                    "menu_update of the dish back",
                    e -> e.name().equals("menu_update") && backDish.test(e.json()));
            awaitWs(ws2, "menu_update", backDish);

            // The refused submit left nothing behind, not even its key.
            Api.Response created = lin.submit(t, key);
            assertAnswer(created, 201, "the submit once the dish is back");
            JsonObject order = created.data().asJsonObject();
            assertAll(
                    "the order " + order,
                    () -> assertEquals(2, quantityIn(order, dish)),
                    () -> assertEquals(1, quantityIn(order, other)));
            assertTrue(Carts.items(staff1.cart(t)).isEmpty(), "the cart is emptied");
            awaitSse(
                    sse,
                    "order_submitted " + orderNo(order),
                    e -> e.name().equals("order_submitted")
                            && orderNo(order).equals(e.json().getString("orderNo", null)));
            assertTrue(
                    sse.events().all().stream()
                            .noneMatch(e -> e.name().equals("order_submitted")
                                    && !orderNo(order).equals(e.json().getString("orderNo"))),
                    "no other order reached the table");
        } catch (Throwable failure) {
            failed = failure;
            throw failure;
        } finally {
            // Every IT class of the run shares this database: the dishes must be back whatever happened here.
            restoreAvailability(
                    failed, () -> staff1.setAvailable(1, dish, true), () -> staff2.setAvailable(2, foreign, true));
        }
    }
}
