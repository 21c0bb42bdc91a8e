package app.tablecart.cart.entity;

import static app.tablecart.Fixtures.dish;
import static app.tablecart.Fixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.auth.entity.Diner;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.Store;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The cart's rules and arithmetic, without a container. */
class CartTest {

    private static final int MAX = 99;
    private final Diner alice = new Diner(7L, "Alice", "13800138000");
    private final Store store = withId(new Store("Sichuan House"), 1L);
    private final Store otherStore = withId(new Store("Dim Sum Garden"), 2L);
    private final Cuisine chicken = dish(11L, store, "Kung Pao Chicken", "38.00");
    private final Cuisine tofu = dish(12L, store, "Mapo Tofu", "26.50");
    private final Cart cart = new Cart(withId(new DiningTable(store, "A01"), 5L));

    @Test
    void addingMergesIntoTheCuisinesLineAndEveryChangeBumpsTheVersion() {
        cart.add(chicken, 2, "no peanuts", alice, MAX);
        cart.add(chicken, 1, null, alice, MAX);

        assertEquals(2, cart.getVersion());
        assertEquals(1, cart.getLines().size());
        CartLine line = cart.getLines().get(0);
        assertEquals(3, line.getQuantity());
        assertEquals("no peanuts", line.getRemark(), "a missing remark keeps the old one");
        assertEquals(7L, line.getAddUserId());
        assertEquals("13800138000", line.getAddUserPhone());
        assertEquals(new BigDecimal("114.00"), line.subtotal());
    }

    @Test
    void totalsAreExactSumsWithScaleTwo() {
        cart.add(chicken, 2, null, alice, MAX);
        cart.add(tofu, 3, null, alice, MAX);

        assertEquals(new BigDecimal("155.50"), cart.totalAmount());
        assertEquals(5, cart.totalQuantity());
        CartDTO dto = CartDTO.of(cart);
        assertEquals(new BigDecimal("79.50"), dto.items().get(1).subtotalAmount());
        assertEquals(new BigDecimal("155.50"), dto.totalAmount());
        assertEquals("A01", dto.tableNumber());
        assertEquals(1L, dto.storeId());
    }

    @Test
    void emptyCartTotalsZero() {
        assertEquals(new BigDecimal("0.00"), cart.totalAmount());
        assertEquals(0, cart.totalQuantity());
        assertNull(cart.getNotice());
    }

    @Test
    void settingZeroRemovesTheLineAndSettingCreatesOne() {
        cart.set(tofu, 4, alice, MAX);
        assertEquals(4, cart.getLines().get(0).getQuantity());

        cart.set(tofu, 0, alice, MAX);
        assertEquals(0, cart.getLines().size());
        assertEquals(CartAction.REMOVED, cart.getNotice().getAction());
        assertEquals(2, cart.getVersion());
    }

    @Test
    void aLineHoldsAtMostTheMaximumAndARefusedChangeChangesNothing() {
        cart.add(chicken, 98, null, alice, MAX);

        ApiException refused = assertThrows(ApiException.class, () -> cart.add(chicken, 2, null, alice, MAX));
        assertEquals(Problem.BAD_REQUEST, refused.problem());
        assertThrows(ApiException.class, () -> cart.set(chicken, 100, alice, MAX));
        assertEquals(98, cart.getLines().get(0).getQuantity());
        assertEquals(1, cart.getVersion());

        cart.add(chicken, 1, null, alice, MAX);
        assertEquals(99, cart.getLines().get(0).getQuantity());
    }

    @Test
    void anotherStoresDishIsNotOnTheMenu() {
        Cuisine harGow = dish(30L, otherStore, "Har Gow", "32.00");

        ApiException refused = assertThrows(ApiException.class, () -> cart.add(harGow, 1, null, alice, MAX));
        assertEquals(Problem.NOT_FOUND, refused.problem());
        assertEquals(0, cart.getVersion());
    }

    @Test
    void quantitiesBelowTheirMinimumAreRefused() {
        assertThrows(ApiException.class, () -> cart.add(chicken, 0, null, alice, MAX));
        assertThrows(ApiException.class, () -> cart.set(chicken, -1, alice, MAX));
        assertEquals(0, cart.getVersion());
    }

    @Test
    void removingADishNotInTheCartIsNotFound() {
        ApiException refused = assertThrows(ApiException.class, () -> cart.remove(11L, alice));
        assertEquals(Problem.NOT_FOUND, refused.problem());
    }

    @Test
    void clearingEmptiesAndStillBumpsTheVersion() {
        cart.add(chicken, 1, null, alice, MAX);
        cart.clear(alice);
        cart.clear(alice);

        assertEquals(3, cart.getVersion());
        assertEquals(0, cart.getLines().size());
        assertEquals("Alice cleared the cart", cart.getNotice().sentence());
    }

    @Test
    void noticesTellTheTableWhoDidWhat() {
        cart.add(chicken, 2, null, alice, MAX);
        assertEquals("Alice added Kung Pao Chicken ×2", cart.getNotice().sentence());
        cart.set(chicken, 3, alice, MAX);
        assertEquals("Alice changed Kung Pao Chicken to ×3", cart.getNotice().sentence());
        cart.remove(11L, alice);
        assertEquals("Alice removed Kung Pao Chicken", cart.getNotice().sentence());

        NoticeDTO notice = CartDTO.of(cart).notice();
        assertEquals("removed", notice.action());
        assertEquals(11L, notice.cuisineId());
        assertEquals("Alice", notice.nickname());
    }

    @Test
    void linesKeepTheOrderTheyWereFirstAddedIn() {
        cart.add(tofu, 1, null, alice, MAX);
        cart.add(chicken, 1, null, alice, MAX);
        cart.add(tofu, 1, null, alice, MAX);

        assertEquals(12L, CartDTO.of(cart).items().get(0).cuisineId());
        assertEquals(11L, CartDTO.of(cart).items().get(1).cuisineId());
    }

    @Test
    void aSoldOutDishCannotBeAddedOrRaisedAndItsLineIsFlaggedUntilRemoved() {
        cart.add(tofu, 2, null, alice, MAX);
        tofu.setAvailable(false);
        cart.availabilityChanged(tofu, alice);

        assertEquals(2, cart.getVersion(), "the flag is a new version the table is sent");
        assertEquals("Mapo Tofu is sold out", cart.getNotice().sentence());
        assertFalse(CartDTO.of(cart).items().get(0).available());
        assertEquals(1, cart.soldOutLines().size());
        ApiException refused = assertThrows(ApiException.class, () -> cart.add(tofu, 1, null, alice, MAX));
        assertEquals(Problem.CONFLICT, refused.problem());
        assertEquals("dish_unavailable", refused.code());
        assertThrows(ApiException.class, () -> cart.set(tofu, 3, alice, MAX));
        assertEquals(2, cart.getLines().get(0).getQuantity(), "refused changes leave the line as it was");

        cart.remove(tofu.getId(), alice);
        assertTrue(cart.soldOutLines().isEmpty());
    }

    @Test
    void submittingEmptiesTheCartUnderANewVersion() {
        cart.add(chicken, 2, null, alice, MAX);
        cart.submitted(alice);

        assertTrue(cart.isEmpty());
        assertEquals(2, cart.getVersion());
        assertEquals("Alice sent the order to the kitchen", cart.getNotice().sentence());
        assertEquals(new BigDecimal("0.00"), cart.totalAmount());
    }
}
