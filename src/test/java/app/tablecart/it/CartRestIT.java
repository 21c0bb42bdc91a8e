package app.tablecart.it;

import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.assertWellFormed;
import static app.tablecart.it.support.Carts.notice;
import static app.tablecart.it.support.Carts.quantity;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.AtOnce;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.Metrics;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.Tokens;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The REST API as a client sees it: menu, cart reads and every mutation with the DTO's fields and arithmetic, the
 * cart version, notices, idempotent retries, every bad input, and health. Every call carries a token: the staff of
 * store 1 sets tables up and sends the bad input that needs no particular caller; diners of the table make the
 * changes whose notice (nickname and user id from the token) is checked.
 */
class CartRestIT extends ServerIT {

    private static final long UNKNOWN_ID = 987_654_321L;

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

    // ---- menu and reads ------------------------------------------------------------------------------------------

    @Test
    void menuOfEachStoreListsItsAvailableCuisinesWithPrices() {
        for (Menu menu : List.of(menu1, menu2)) {
            assertTrue(menu.size() >= 20, "at least 20 cuisines in store " + menu.storeId());
            for (JsonObject cuisine : menu.cuisines()) {
                assertAll(
                        "cuisine " + cuisine,
                        () -> assertTrue(cuisine.getJsonNumber("id").longValueExact() > 0, "id"),
                        () -> assertEquals(menu.storeId(), cuisine.getInt("storeId"), "storeId"),
                        () -> assertFalse(cuisine.getString("name").isBlank(), "name"),
                        () -> assertTrue(Set.of(1, 2).contains(cuisine.getInt("type")), "type 1 or 2"),
                        () -> assertTrue(cuisine.containsKey("imageUrl"), "imageUrl"),
                        () -> assertEquals(
                                2, Jsons.decimal(cuisine, "unitPrice").scale(), "unitPrice scale 2"),
                        () -> assertTrue(Jsons.decimal(cuisine, "unitPrice").signum() > 0, "unitPrice > 0"),
                        () -> assertTrue(cuisine.getBoolean("available"), "available"));
            }
        }
        Set<Long> ids1 = new HashSet<>(
                menu1.cuisines().stream().map(c -> Jsons.longValue(c, "id")).toList());
        assertTrue(
                menu2.cuisines().stream().noneMatch(c -> ids1.contains(Jsons.longValue(c, "id"))),
                "the stores' menus share no cuisine");
        assertError(api.menu(UNKNOWN_ID), 404);
        assertError(api.menu("abc"), 404);
        assertEquals(
                menu1.cuisines(),
                diner(1, "Alice").cuisines(1).getValuesAs(JsonObject.class),
                "a diner of the store reads the same menu");
    }

    @Test
    void cartOfATableCarriesItsTableAndStore() {
        JsonObject cart1 = clear(1);
        JsonObject cart21 = tokens.staffApi(2).clear(21).ok().cart();
        assertAll(
                () -> assertEquals(1, cart1.getInt("tableId")),
                () -> assertEquals("A01", cart1.getString("tableNumber")),
                () -> assertEquals(1, cart1.getInt("storeId")),
                () -> assertEquals(21, cart21.getInt("tableId")),
                () -> assertEquals("A01", cart21.getString("tableNumber")),
                () -> assertEquals(2, cart21.getInt("storeId")),
                () -> assertEquals("A05", api.cart(5).getString("tableNumber")),
                () -> assertTrue(Carts.items(cart1).isEmpty()),
                () -> assertEquals(0, cart1.getInt("totalQuantity")),
                () -> assertEquals(new BigDecimal("0.00"), Jsons.decimal(cart1, "totalAmount")));
        assertWellFormed(cart1);
        assertSameCart(cart1, api.cart(1), "GET after clear");
    }

    // ---- mutations -----------------------------------------------------------------------------------------------

    @Test
    void addCreatesALineWithTheMenuDataAndTheArithmetic() {
        long v0 = version(clear(1));
        JsonObject kungPao = menu1.cuisine(0);
        Token alice = tokens.diner(1, "Alice");
        Api.Response added =
                server.api(alice).add(1, menu1.id(0), 2, "no peanuts", null).ok();

        assertEquals("Alice added " + menu1.name(0) + " ×2", added.message());
        JsonObject cart = added.cart();
        assertWellFormed(cart);
        JsonObject line = Carts.items(cart).get(0);
        BigDecimal price = Jsons.decimal(kungPao, "unitPrice");
        assertAll(
                "the new line",
                () -> assertEquals(1, Carts.items(cart).size()),
                () -> assertEquals(menu1.id(0), Jsons.longValue(line, "cuisineId")),
                () -> assertEquals(kungPao.getString("name"), line.getString("cuisineName")),
                () -> assertEquals(kungPao.getInt("type"), line.getInt("cuisineType")),
                () -> assertEquals(kungPao.get("imageUrl"), line.get("cuisineImage")),
                () -> assertEquals(price, Jsons.decimal(line, "unitPrice")),
                () -> assertEquals(2, line.getInt("quantity")),
                () -> assertEquals(price.multiply(BigDecimal.valueOf(2)), Jsons.decimal(line, "subtotalAmount")),
                () -> assertEquals("no peanuts", line.getString("remark")),
                () -> assertEquals(alice.userId(), Jsons.longValue(line, "addUserId"), "addUserId = the diner's id"),
                () -> assertTrue(Jsons.isNull(line, "addUserPhone"), "no phone claim: addUserPhone null"),
                () -> assertEquals(price.multiply(BigDecimal.valueOf(2)), Jsons.decimal(cart, "totalAmount")),
                () -> assertEquals(2, cart.getInt("totalQuantity")),
                () -> assertEquals(v0 + 1, version(cart)));
        assertNotice(cart, alice, "added", menu1.id(0), 2);
        assertSameCart(cart, api.cart(1), "GET after add");
    }

    @Test
    void addMergesIntoTheExistingLineKeepingTheOrderOfFirstAddition() {
        long v0 = version(clear(1));
        api.add(1, menu1.id(0), 2, "mild", null).ok();
        api.add(1, menu1.id(1), 1).ok();
        JsonObject merged = api.add(1, menu1.id(0), 3).ok().cart();
        JsonObject replaced =
                api.add(1, menu1.id(0), 1, "very spicy", null).ok().cart();

        assertWellFormed(merged);
        assertWellFormed(replaced);
        assertAll(
                () -> assertEquals(
                        List.of(menu1.id(0), menu1.id(1)),
                        Carts.cuisineIds(merged),
                        "one line per cuisine, " + "ordered by first addition"),
                () -> assertEquals(5, quantity(merged, menu1.id(0)), "2 + 3"),
                () -> assertEquals(
                        "mild",
                        Carts.line(merged, menu1.id(0)).orElseThrow().getString("remark"),
                        "an add without remark keeps the remark"),
                () -> assertEquals(6, quantity(replaced, menu1.id(0))),
                () -> assertEquals(
                        "very spicy",
                        Carts.line(replaced, menu1.id(0)).orElseThrow().getString("remark"),
                        "a given remark replaces the old one"),
                () -> assertEquals(7, replaced.getInt("totalQuantity")),
                () -> assertEquals(v0 + 4, version(replaced)));
        assertSameCart(replaced, api.cart(1), "GET after merges");
    }

    @Test
    void linesKeepTheOrderOfAdditionNotOfTheMenuAndAReaddedDishGoesLast() {
        clear(3);
        api.add(3, menu1.id(2), 1).ok();
        api.add(3, menu1.id(1), 1).ok();
        JsonObject backwards = api.add(3, menu1.id(0), 1).ok().cart();
        api.remove(3, menu1.id(1)).ok();
        JsonObject readded = api.add(3, menu1.id(1), 1).ok().cart();

        assertEquals(
                List.of(menu1.id(2), menu1.id(1), menu1.id(0)),
                Carts.cuisineIds(backwards),
                "added against the menu's order");
        List<Long> expected = List.of(menu1.id(2), menu1.id(0), menu1.id(1));
        assertEquals(expected, Carts.cuisineIds(readded), "the change's answer");
        assertEquals(expected, Carts.cuisineIds(api.cart(3)), "GET");
        assertEquals(
                expected,
                Carts.cuisineIds(api.update(3, menu1.id(0), 4).ok().cart()),
                "a quantity change keeps the place");
    }

    @Test
    void updateSetsTheQuantityCreatesMissingLinesAndZeroRemoves() {
        long v0 = version(clear(2));
        api.add(2, menu1.id(2), 1).ok();
        Token bob = tokens.diner(2, "Bob");
        Api.Response changed = server.api(bob).update(2, menu1.id(2), 4).ok();
        assertEquals("Bob changed " + menu1.name(2) + " to ×4", changed.message());
        assertWellFormed(changed.cart());
        assertEquals(4, quantity(changed.cart(), menu1.id(2)));
        assertNotice(changed.cart(), bob, "updated", menu1.id(2), 4);

        JsonObject created = api.update(2, menu1.id(3), 2).ok().cart();
        assertEquals(
                List.of(menu1.id(2), menu1.id(3)),
                Carts.cuisineIds(created),
                "an update of a cuisine not in the cart creates its line");

        JsonObject zeroed = api.update(2, menu1.id(2), 0).ok().cart();
        assertWellFormed(zeroed);
        assertAll(
                () -> assertEquals(List.of(menu1.id(3)), Carts.cuisineIds(zeroed), "quantity 0 removes the line"),
                () -> assertEquals(2, zeroed.getInt("totalQuantity")),
                () -> assertEquals(v0 + 4, version(zeroed)));
        assertSameCart(zeroed, api.cart(2), "GET after updates");
    }

    @Test
    void removeDeletesTheLineAndAnAbsentLineIs404() {
        long v0 = version(clear(2));
        api.add(2, menu1.id(4), 3).ok();
        api.add(2, menu1.id(5), 1).ok();
        Token carol = tokens.diner(2, "Carol");
        Api.Response removed = server.api(carol).remove(2, menu1.id(4)).ok();
        assertEquals("Carol removed " + menu1.name(4), removed.message(), "the nickname of the token");
        JsonObject cart = removed.cart();
        assertWellFormed(cart);
        assertEquals(List.of(menu1.id(5)), Carts.cuisineIds(cart));
        assertEquals(v0 + 3, version(cart));
        assertNotice(cart, carol, "removed", menu1.id(4), null);

        assertError(api.remove(2, menu1.id(4)), 404);
        assertEquals(v0 + 3, version(api.cart(2)), "a failed remove changes nothing");
    }

    @Test
    void clearEmptiesTheCartAndStillCountsAsAChange() {
        clear(2);
        api.add(2, menu1.id(6), 2).ok();
        long before = version(api.cart(2));
        Token alice = tokens.diner(2, "Alice");
        Api.Response cleared = server.api(alice).clear(2).ok();
        assertEquals("Alice cleared the cart", cleared.message());
        JsonObject cart = cleared.cart();
        assertWellFormed(cart);
        assertAll(
                () -> assertTrue(Carts.items(cart).isEmpty()),
                () -> assertEquals(0, cart.getInt("totalQuantity")),
                () -> assertEquals(new BigDecimal("0.00"), Jsons.decimal(cart, "totalAmount")),
                () -> assertEquals(before + 1, version(cart)));
        assertNotice(cart, alice, "cleared", null, null);

        JsonObject again = api.clear(2).ok().cart();
        assertEquals(before + 2, version(again), "clearing an empty cart still bumps the version");
    }

    @Test
    void everyChangeIncrementsTheVersionByExactlyOne() {
        long v = version(clear(3));
        Api api = diner(3, "Dora");
        List<Supplier<Api.Response>> changes = List.of(
                () -> api.add(3, menu1.id(0), 1),
                () -> api.add(3, menu1.id(0), 2),
                () -> api.update(3, menu1.id(0), 5),
                () -> api.add(3, menu1.id(1), 1),
                () -> api.remove(3, menu1.id(1)),
                () -> api.update(3, menu1.id(0), 0),
                () -> api.clear(3),
                () -> api.add(3, menu1.id(2), 1),
                () -> api.clear(3));
        for (Supplier<Api.Response> change : changes) {
            JsonObject cart = change.get().ok().cart();
            assertEquals(++v, version(cart), "version after " + cart);
            assertEquals(v, version(api.cart(3)), "GET agrees");
        }
    }

    @Test
    void aRepeatedRequestIdIsAppliedOnce() {
        long v0 = version(clear(4));
        String addId = "add-" + UUID.randomUUID();
        JsonObject first = api.add(4, menu1.id(0), 2, null, addId).ok().cart();
        Api.Response retry = api.add(4, menu1.id(0), 2, null, addId).ok();
        assertAll(
                "add retried",
                () -> assertEquals(v0 + 1, version(first)),
                () -> assertEquals(v0 + 1, version(retry.cart()), "the retry answers the current cart"),
                () -> assertEquals(2, quantity(retry.cart(), menu1.id(0)), "the line is not doubled"));

        String updateId = "update-" + UUID.randomUUID();
        api.update(4, menu1.id(0), 7, updateId).ok();
        api.add(4, menu1.id(0), 1).ok(); // 8
        JsonObject afterUpdateRetry =
                api.update(4, menu1.id(0), 7, updateId).ok().cart();
        assertAll(
                "update retried",
                () -> assertEquals(v0 + 3, version(afterUpdateRetry)),
                () -> assertEquals(8, quantity(afterUpdateRetry, menu1.id(0)), "not applied a second time"));

        String removeId = "remove-" + UUID.randomUUID();
        api.remove(4, menu1.id(0), removeId).ok();
        Api.Response removeRetry = api.remove(4, menu1.id(0), removeId);
        assertEquals(200, removeRetry.status(), "a retried remove answers 200, not 404: " + removeRetry);
        assertEquals(v0 + 4, version(removeRetry.cart()));

        long other = version(clear(5));
        JsonObject elsewhere = api.add(5, menu1.id(0), 2, null, addId).ok().cart();
        assertAll(
                "the same requestId on another table is a new request",
                () -> assertEquals(other + 1, version(elsewhere)),
                () -> assertEquals(2, quantity(elsewhere, menu1.id(0))));
        assertEquals(v0 + 4, version(api.cart(4)));
    }

    @Test
    void aRequestIdIsForgottenAfterItsTimeToLive() throws InterruptedException {
        long v0 = version(clear(6));
        String addId = "ttl-" + UUID.randomUUID();
        api.add(6, menu1.id(0), 1, null, addId).ok();
        Thread.sleep(TestDatabase.REQUEST_TTL.plusMillis(500).toMillis()); // the limit under test is time itself
        JsonObject again = api.add(6, menu1.id(0), 1, null, addId).ok().cart();
        assertAll(
                "a retry after the request-ttl is a new request",
                () -> assertEquals(v0 + 2, version(again)),
                () -> assertEquals(2, quantity(again, menu1.id(0))));
    }

    @Test
    void aNicknameOfUpTo32CharactersJoinsAndALongerOneIsRefusedAtJoin() {
        clear(6);
        Api.Response tooLong = tokens.joinWith(tokens.joinCode(6), "N".repeat(33), null);
        assertError(tooLong, 400);
        Token longest = Tokens.dinerToken(
                tokens.joinWith(tokens.joinCode(6), "N".repeat(32), null), "diner with a 32-character nickname", null);
        JsonObject cart = server.api(longest).add(6, menu1.id(0), 1).ok().cart();
        assertEquals("N".repeat(32), cart.getJsonObject("notice").getString("nickname"));
    }

    // ---- limits that must be accepted ----------------------------------------------------------------------------

    @Test
    void limitsAreInclusiveAndUserTextIsReturnedAsText() {
        int max = TestDatabase.settings().maxLineQuantity();
        clear(5);
        String remark200 = "<script>alert('x')</script> & \"quoted\" \\ 辣 " + "r".repeat(200);
        String remark = remark200.substring(0, 200);
        String requestId64 = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
        assertEquals(64, requestId64.length());
        JsonObject cart =
                api.add(5, menu1.id(0), max - 1, remark, requestId64).ok().cart();
        assertEquals(
                remark,
                Carts.line(cart, menu1.id(0)).orElseThrow().getString("remark"),
                "a 200-character remark is stored and returned verbatim");
        assertEquals(max, quantity(api.add(5, menu1.id(0), 1).ok().cart(), menu1.id(0)), "add up to the maximum");
        assertEquals(max, quantity(api.update(5, menu1.id(1), max).ok().cart(), menu1.id(1)), "update to the maximum");
        assertWellFormed(api.cart(5));
    }

    // ---- bad input -----------------------------------------------------------------------------------------------

    @Test
    void malformedAndIncompleteBodiesAre400AndChangeNothing() {
        int t = 6;
        long a = menu1.id(0);
        assertRejectedWithoutChange(
                t,
                rejects(
                        "malformed JSON on add",
                        400,
                        () -> api.post(
                                "api/store/order/cart/add", "{\"tableId\":6,\"cuisineId\":" + a + ",\"quantity\":")),
                rejects(
                        "malformed JSON on update",
                        400,
                        () -> api.put("api/store/order/cart/update", "{\"tableId\":6,\"cuisineId\":" + a + ",,}")),
                rejects("empty body on add", 400, () -> api.post("api/store/order/cart/add", "")),
                rejects("a JSON array instead of an object", 400, () -> api.post("api/store/order/cart/add", "[1,2]")),
                rejects("add without tableId", 400, () -> post("add", Jsons.object("cuisineId", a, "quantity", 1))),
                rejects("add without cuisineId", 400, () -> post("add", Jsons.object("tableId", t, "quantity", 1))),
                rejects("add without quantity", 400, () -> post("add", Jsons.object("tableId", t, "cuisineId", a))),
                rejects("update without cuisineId", 400, () -> put(Jsons.object("tableId", t, "quantity", 1))),
                rejects("update without quantity", 400, () -> put(Jsons.object("tableId", t, "cuisineId", a))),
                rejects("remove without cuisineId", 400, () -> api.delete("api/store/order/cart/remove?tableId=" + t)));
    }

    @Test
    void quantitiesOutOfRangeOrNotIntegersAre400AndChangeNothing() {
        int t = 6;
        Api api = diner(t, "Vera");
        long a = menu1.id(0);
        long b = menu1.id(1);
        int max = TestDatabase.settings().maxLineQuantity();
        assertRejectedWithoutChange(
                t,
                rejects("add quantity 1.5", 400, () -> api.add(t, a, 1.5)),
                rejects("add quantity \"abc\"", 400, () -> api.add(t, a, "abc")),
                rejects("add quantity 0", 400, () -> api.add(t, a, 0)),
                rejects("add quantity -1", 400, () -> api.add(t, a, -1)),
                rejects("add quantity beyond int", 400, () -> api.add(t, a, 99_999_999_999L)),
                rejects("update quantity 2.5", 400, () -> api.update(t, a, 2.5)),
                rejects("update quantity \"abc\"", 400, () -> api.update(t, a, "abc")),
                rejects("update quantity -1", 400, () -> api.update(t, a, -1)),
                rejects("add of a new line above the maximum " + max, 400, () -> api.add(t, b, max + 1)),
                rejects("add that takes the line (1) above the maximum", 400, () -> api.add(t, a, max)),
                rejects("update above the maximum", 400, () -> api.update(t, a, max + 1)));
    }

    @Test
    void unknownTablesAndForeignOrUnknownCuisinesAre404AndChangeNothing() {
        int t = 6;
        long a = menu1.id(0);
        long b = menu1.id(1);
        long foreign = menu2.id(0);
        assertRejectedWithoutChange(
                t,
                rejects("add of an unknown cuisine", 404, () -> api.add(t, UNKNOWN_ID, 1)),
                rejects("update of an unknown cuisine", 404, () -> api.update(t, UNKNOWN_ID, 1)),
                rejects("remove of an unknown cuisine", 404, () -> api.remove(t, UNKNOWN_ID)),
                rejects("add of another store's cuisine", 404, () -> api.add(t, foreign, 1)),
                rejects("update of another store's cuisine", 404, () -> api.update(t, foreign, 1)),
                rejects("remove of a cuisine not in the cart", 404, () -> api.remove(t, b)),
                rejects("add to an unknown table (body)", 404, () -> api.add(UNKNOWN_ID, a, 1)),
                rejects("add to a non-numeric table (body)", 404, () -> api.add("abc", a, 1)),
                rejects("update on an unknown table (body)", 404, () -> api.update(UNKNOWN_ID, a, 1)),
                rejects("update on a non-numeric table (body)", 404, () -> api.update("abc", a, 1)),
                rejects("GET cart of an unknown table (path)", 404, () -> api.getCart(UNKNOWN_ID)),
                rejects("GET cart of a non-numeric table (path)", 404, () -> api.getCart("abc")),
                rejects("remove on an unknown table (query)", 404, () -> api.remove(UNKNOWN_ID, a)),
                rejects("remove on a non-numeric table (query)", 404, () -> api.remove("abc", a)),
                rejects("clear of an unknown table (query)", 404, () -> api.clear(UNKNOWN_ID)),
                rejects("clear of a non-numeric table (query)", 404, () -> api.clear("abc")));
    }

    @Test
    void textsAboveTheirLimitsAre400AndChangeNothing() {
        int t = 6;
        Api api = diner(t, "Vera");
        long a = menu1.id(0);
        String tooLongId = "x".repeat(65);
        assertRejectedWithoutChange(
                t,
                rejects("remark of 201 characters", 400, () -> api.add(t, a, 1, "r".repeat(201), null)),
                rejects("requestId of 65 characters on add", 400, () -> api.add(t, a, 1, null, tooLongId)),
                rejects("requestId of 65 characters on update", 400, () -> api.update(t, a, 2, tooLongId)),
                rejects("requestId of 65 characters on remove", 400, () -> api.remove(t, a, tooLongId)));
    }

    /** The same on H2 and PostgreSQL (which cannot store NUL): refused before anything reaches the database. */
    @Test
    void controlInvisibleAndDirectionCharactersInRemarksAndRequestIdsAre400OnEveryDatabase() {
        int t = 6;
        Api api = diner(t, "Wen");
        long a = menu1.id(0);
        assertRejectedWithoutChange(
                t,
                rejects("a NUL in a remark", 400, () -> api.add(t, a, 1, "no\u0000peanuts", null)),
                rejects("a bidi override in a remark", 400, () -> api.add(t, a, 1, "mild \u202etsenoh", null)),
                rejects("a zero-width space in a remark", 400, () -> api.add(t, a, 1, "mild\u200b", null)),
                rejects("a NUL in a requestId on add", 400, () -> api.add(t, a, 1, null, "r\u0000")),
                rejects("a NUL in a requestId on update", 400, () -> api.update(t, a, 2, "r\u0000")),
                rejects("a NUL in a requestId on remove", 400, () -> api.remove(t, a, "r\u0000")),
                rejects("a line feed in a requestId", 400, () -> api.add(t, a, 1, null, "r\nr")));
        JsonObject kept = api.add(t, a, 1, "no peanuts\nextra rice", null).ok().cart();
        assertEquals(
                "no peanuts\nextra rice",
                Carts.line(kept, a).orElseThrow().getString("remark"),
                "a remark's lines are kept");
    }

    // ---- group commit --------------------------------------------------------------------------------------------

    /**
     * Changes to many tables at once share write transactions, never more than {@code max-batch} in one (the
     * {@code tablecart_cart_batch} histogram counts every change once), and each keeps its own outcome: a refusal
     * changes only its own cart, and a retried request id is applied once.
     */
    @Test
    void aBurstOverManyTablesSharesTransactionsOfAtMostMaxBatchAndEachChangeKeepsItsOwnOutcome() throws Exception {
        Api staff2 = tokens.staffApi(2);
        List<Integer> tables = IntStream.rangeClosed(25, 40).boxed().toList();
        long dish = menu2.id(0);
        Map<Integer, Long> before = new HashMap<>();
        for (int table : tables) {
            before.put(table, version(staff2.clear(table).ok().cart()));
        }
        Metrics.Histogram batchesBefore = server.metrics().histogram("tablecart_cart_batch");

        // Per table: an add, the same add again with its request id, and one the cart refuses (a dish of another
        // store on even tables, a line over the maximum on odd ones).
        Map<String, Callable<Api.Response>> calls = new LinkedHashMap<>();
        for (int table : tables) {
            String requestId = "burst-" + table + "-" + UUID.randomUUID();
            calls.put(table + " add", () -> staff2.add(table, dish, 2, null, requestId));
            calls.put(table + " retry", () -> staff2.add(table, dish, 2, null, requestId));
            calls.put(
                    table + " refused",
                    table % 2 == 0
                            ? () -> staff2.add(table, menu1.id(0), 1)
                            : () -> staff2.add(table, dish, TestDatabase.MAX_LINE_QUANTITY + 1));
        }
        Map<String, Api.Response> answers = AtOnce.run(calls);

        List<Executable> checks = new ArrayList<>();
        for (int table : tables) {
            long v0 = before.get(table);
            Api.Response add = answers.get(table + " add");
            Api.Response retry = answers.get(table + " retry");
            Api.Response refused = answers.get(table + " refused");
            checks.add(() -> assertEquals(200, add.status(), "add to " + table + ": " + add));
            checks.add(() -> assertEquals(200, retry.status(), "retry on " + table + ": " + retry));
            checks.add(() -> assertEquals(2, quantity(retry.cart(), dish), "the retry answers the one line"));
            checks.add(() -> assertEquals(table % 2 == 0 ? 404 : 400, refused.status(), "refused: " + refused));
            checks.add(() -> {
                JsonObject cart = staff2.cart(table);
                assertEquals(v0 + 1, version(cart), "one change applied on table " + table + ": " + cart);
                assertEquals(2, quantity(cart, dish), "the line of table " + table);
                assertEquals(1, cart.getJsonArray("items").size(), "nothing else on table " + table);
            });
        }
        assertAll("a burst of " + calls.size() + " changes over " + tables.size() + " tables", checks);

        Metrics.Histogram batches = server.metrics().histogram("tablecart_cart_batch");
        assertAll(
                "write transactions, max-batch " + TestDatabase.MAX_BATCH + ": " + batches,
                () -> assertEquals(
                        calls.size(),
                        batches.sum() - batchesBefore.sum(),
                        0.001,
                        "every change is in exactly one transaction"),
                () -> assertTrue(batches.max() <= TestDatabase.MAX_BATCH, "none takes more than max-batch"),
                () -> assertTrue(
                        batches.count() - batchesBefore.count() >= calls.size() / TestDatabase.MAX_BATCH,
                        "so there are at least " + calls.size() / TestDatabase.MAX_BATCH + " transactions"),
                () -> assertTrue(
                        batches.count() - batchesBefore.count() < calls.size(),
                        "and some took more than one change: " + (batches.count() - batchesBefore.count())
                                + " transactions for " + calls.size() + " changes"));
    }

    // ---- health --------------------------------------------------------------------------------------------------

    @Test
    void livenessAndReadinessAreUp() {
        Api.Response live = api.send("GET", server.atRoot("health/live"), null, null);
        Api.Response ready = api.send("GET", server.atRoot("health/ready"), null, null);
        assertEquals(200, live.status(), live.toString());
        assertEquals("UP", live.envelope().getString("status"));
        assertEquals(200, ready.status(), ready.toString());
        assertEquals("UP", ready.envelope().getString("status"));
        JsonObject database = ready.envelope().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "database".equals(c.getString("name", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check named database: " + ready));
        assertEquals("UP", database.getString("status"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private JsonObject clear(int tableId) {
        return api.clear(tableId).ok().cart();
    }

    /** An API client as a diner of the table (joined once per run). */
    private Api diner(int tableId, String nickname) {
        return tokens.dinerApi(tableId, nickname);
    }

    private Api.Response post(String action, JsonObject body) {
        return api.post("api/store/order/cart/" + action, body.toString());
    }

    private Api.Response put(JsonObject body) {
        return api.put("api/store/order/cart/update", body.toString());
    }

    /** The notice names the token's user: its numeric id and nickname. */
    private static void assertNotice(JsonObject cart, Token who, String action, Long cuisineId, Integer quantity) {
        JsonObject notice = notice(cart);
        assertNotNull(notice, "notice of " + cart);
        assertAll(
                "notice " + notice,
                () -> assertNullableNumber(who.userId(), notice, "userId"),
                () -> assertEquals(who.nickname(), notice.getString("nickname")),
                () -> assertEquals(action, notice.getString("action")),
                () -> assertNullableNumber(cuisineId, notice, "cuisineId"),
                () -> assertNullableNumber(quantity == null ? null : quantity.longValue(), notice, "quantity"));
    }

    private static void assertNullableNumber(Long expected, JsonObject object, String key) {
        if (expected == null) {
            assertTrue(Jsons.isNull(object, key), key + " is null in " + object);
        } else {
            assertEquals(expected.longValue(), Jsons.longValue(object, key), key);
        }
    }

    private static void assertError(Api.Response response, int status) {
        assertAll(
                response.toString(),
                () -> assertEquals(status, response.status(), "HTTP status"),
                () -> assertEquals(status, response.code(), "envelope code"),
                () -> assertTrue(
                        response.message() != null && !response.message().isBlank(), "a message"),
                () -> assertTrue(Jsons.isNull(response.envelope(), "data"), "data is null"));
    }

    private record Rejection(String name, int status, Supplier<Api.Response> call) {}

    private static Rejection rejects(String name, int status, Supplier<Api.Response> call) {
        return new Rejection(name, status, call);
    }

    /**
     * Puts one line on the table, sends every bad request, checks each answer (status, envelope code, message,
     * data null) and that the cart (version and items) is exactly as before.
     */
    private void assertRejectedWithoutChange(int tableId, Rejection... rejections) {
        clear(tableId);
        api.add(tableId, menu1.id(0), 1).ok();
        JsonObject before = api.cart(tableId);
        List<Executable> checks = new ArrayList<>();
        for (Rejection rejection : rejections) {
            checks.add(() -> {
                Api.Response response = rejection.call().get();
                try {
                    assertError(response, rejection.status());
                } catch (AssertionError e) {
                    throw new AssertionError(rejection.name() + ": " + e.getMessage(), e);
                }
            });
        }
        checks.add(() -> assertSameCart(before, api.cart(tableId), "the cart after all rejected requests"));
        assertAll(Stream.of(rejections).map(Rejection::name).toList().toString(), checks.stream());
    }
}
