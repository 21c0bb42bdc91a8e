package app.tablecart.order.entity;

import static app.tablecart.Fixtures.dish;
import static app.tablecart.Fixtures.withId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.auth.entity.Diner;
import app.tablecart.cart.entity.Cart;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.Store;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** An order's copy of the cart, its status rules and its number, without a container. */
class OrderTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00.123Z");
    private final Diner alice = new Diner(7L, "Alice", null);
    private final Store store = withId(new Store("Sichuan House"), 1L);
    private final Cuisine chicken = dish(11L, store, "Kung Pao Chicken", "38.00");
    private final Cuisine tofu = dish(12L, store, "Mapo Tofu", "26.50");
    private final Cart cart = new Cart(withId(new DiningTable(store, "A03"), 3L));

    @Test
    void anOrderCopiesTheCartsLinesAndTotals() {
        cart.add(chicken, 2, "no peanuts", alice, 99);
        cart.add(tofu, 1, null, alice, 99);
        Order order = new Order(cart, alice, "7" + NOW.toEpochMilli() + "0042", "key-1", NOW);

        OrderDTO dto = OrderDTO.of(order);
        assertEquals(OrderStatus.SUBMITTED, dto.status());
        assertEquals(new BigDecimal("102.50"), dto.totalAmount());
        assertEquals(3, dto.totalQuantity());
        assertEquals(
                List.of("Kung Pao Chicken", "Mapo Tofu"),
                dto.items().stream().map(OrderDTO.Item::cuisineName).toList());
        assertEquals(new BigDecimal("76.00"), dto.items().get(0).subtotalAmount());
        assertEquals("no peanuts", dto.items().get(0).remark());
        assertEquals("A03", dto.tableNumber());
        assertEquals(new OrderDTO.Submitter(7L, "Alice"), dto.submittedBy());
    }

    @Test
    void statusMovesOnlyForward() {
        Order order = order();
        order.moveTo(OrderStatus.ACCEPTED, null, NOW);
        order.moveTo(OrderStatus.SERVED, null, NOW);
        order.moveTo(OrderStatus.PAID, null, NOW);
        assertEquals(OrderStatus.PAID, order.getStatus());

        ApiException refused = assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.ACCEPTED, null, NOW));
        assertEquals(Problem.CONFLICT, refused.problem());
        assertEquals("illegal_transition", refused.code());
        assertEquals(OrderStatus.PAID, order.getStatus());
    }

    @Test
    void skippingAStepIsAConflict() {
        Order order = order();
        assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.SERVED, null, NOW));
        assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.SUBMITTED, null, NOW));
        assertEquals(OrderStatus.SUBMITTED, order.getStatus());
    }

    @Test
    void aRejectionNeedsAReasonOfBoundedLength() {
        Order order = order();
        ApiException noReason = assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.REJECTED, "  ", NOW));
        assertEquals(Problem.BAD_REQUEST, noReason.problem());
        String tooLong = "x".repeat(Order.MAX_REASON + 1);
        assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.REJECTED, tooLong, NOW));
        assertEquals(OrderStatus.SUBMITTED, order.getStatus());

        order.moveTo(OrderStatus.REJECTED, " out of fish ", NOW);
        assertEquals("out of fish", order.getRejectReason());
        assertThrows(ApiException.class, () -> order.moveTo(OrderStatus.ACCEPTED, null, NOW));
    }

    @Test
    void orderNumbersAreUserIdThenThirteenDigitMillisThenFourDigits() {
        String number = OrderNumber.next(42L, NOW, RandomGenerator.getDefault(), taken -> false);
        assertTrue(number.matches("42" + NOW.toEpochMilli() + "\\d{4}"), number);
        assertEquals("5" + "0000000000007" + "0003", OrderNumber.format(5L, 7L, 3));
    }

    @Test
    void aCollidingNumberIsDrawnAgain() {
        Set<String> taken = new HashSet<>(Set.of(OrderNumber.format(7L, NOW.toEpochMilli(), 1234)));
        String number = OrderNumber.next(7L, NOW, fixed(1234, 1234, 99), taken::contains);
        assertEquals(OrderNumber.format(7L, NOW.toEpochMilli(), 99), number);
    }

    @Test
    void aMillisecondWithNoFreeNumberLeftMovesOnToTheNext() {
        String number = OrderNumber.next(
                7L, NOW, fixed(5, 5, 5), candidate -> candidate.equals(OrderNumber.format(7L, NOW.toEpochMilli(), 5)));
        assertEquals(OrderNumber.format(7L, NOW.toEpochMilli() + 1, 5), number);
        assertNotEquals(OrderNumber.format(7L, NOW.toEpochMilli(), 5), number);
    }

    private Order order() {
        cart.add(chicken, 1, null, alice, 99);
        return new Order(cart, alice, "7" + NOW.toEpochMilli() + "0001", "key", NOW);
    }

    /** Draws the given numbers, then repeats the last one. */
    private static RandomGenerator fixed(int... draws) {
        var queue = new ArrayDeque<Integer>();
        for (int draw : draws) {
            queue.add(draw);
        }
        int last = draws[draws.length - 1];
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int nextInt(int bound) {
                Integer next = queue.poll();
                return next == null ? last : next;
            }
        };
    }
}
