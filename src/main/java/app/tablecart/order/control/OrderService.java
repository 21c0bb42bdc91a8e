package app.tablecart.order.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.control.CartService;
import app.tablecart.cart.entity.Cart;
import app.tablecart.cart.entity.CartLine;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.order.entity.Order;
import app.tablecart.order.entity.OrderDTO;
import app.tablecart.order.entity.OrderEvent;
import app.tablecart.order.entity.OrderNumber;
import app.tablecart.order.entity.OrderStatus;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.platform.Text;
import app.tablecart.table.control.TableAccess;
import app.tablecart.table.entity.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Orders: a table's cart submitted to the kitchen, and the staff moving it on. Submitting holds the cart's row lock,
 * like every cart change, so a change racing with the submit lands either in the order or in the emptied cart.
 * Everything that changes a store's count of unprocessed orders also holds the store's row lock, so each count sent
 * to the board is exact and order numbers are checked for uniqueness without a race.
 */
@ApplicationScoped
@Transactional
public class OrderService {

    public static final int MAX_IDEMPOTENCY_KEY = 64;
    /** Order numbers are user id + 13 digits + 4 digits (seed 001): longer is no order of ours. */
    static final int MAX_ORDER_NO = 40;

    public static final int MAX_PAGE_SIZE = 100;
    /** How long a submit's idempotency key is remembered. */
    static final Duration KEY_LIFETIME = Duration.ofHours(24);

    private final SecureRandom random = new SecureRandom();

    @PersistenceContext
    EntityManager em;

    @Inject
    CartService carts;

    @Inject
    TableAccess access;

    @Inject
    Event<OrderEvent> changed;

    /** A submit's answer: the order, and whether this call created it (false: a repeated idempotency key). */
    public record Submission(OrderDTO order, boolean created) {}

    /** A store's board: how many orders wait for the staff, and every open order, oldest first. */
    public record Board(long unprocessed, List<OrderDTO> open) {}

    /** The page of a store's orders, newest first. */
    public record Page(List<OrderDTO> items, int page, int size, long total) {}

    /** Sends the table's cart to the kitchen and empties it; a key already used for the table returns that order. */
    public Submission submit(long tableId, String idempotencyKey, Caller caller) {
        String key = requireKey(idempotencyKey);
        Cart cart = carts.cart(tableId, caller, LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        Order earlier = bySubmitKey(tableId, key, now.minus(KEY_LIFETIME));
        if (earlier != null) {
            return new Submission(OrderDTO.of(earlier), false);
        }
        if (cart.isEmpty()) {
            throw new ApiException(Problem.CONFLICT, "cart_empty", "the cart is empty: nothing to submit");
        }
        List<CartLine> soldOut = cart.soldOutLines();
        if (!soldOut.isEmpty()) {
            throw new ApiException(
                    Problem.CONFLICT,
                    "dish_unavailable",
                    soldOut.stream().map(line -> line.getCuisine().getName()).collect(Collectors.joining(", "))
                            + (soldOut.size() == 1 ? " is" : " are") + " sold out: remove "
                            + (soldOut.size() == 1 ? "it" : "them") + " from the cart to submit");
        }
        long storeId = cart.getTable().getStoreId();
        lockStore(storeId);
        String orderNo = OrderNumber.next(caller.userId(), now, random, this::taken);
        forgetOldKeys(tableId, now.minus(KEY_LIFETIME));
        Order order = new Order(cart, caller.diner(), orderNo, key, now);
        em.persist(order);
        cart.submitted(caller.diner());
        OrderDTO dto = OrderDTO.of(order);
        changed.fire(new OrderEvent(dto, unprocessed(storeId), CartUpdate.of(cart))); // observed after the commit
        return new Submission(dto, true);
    }

    /** Staff move an order on: SUBMITTED → ACCEPTED → SERVED → PAID, or REJECTED with a reason. */
    public OrderDTO changeStatus(long storeId, String orderNo, OrderStatus next, String reason, Caller caller) {
        access.requireStaff(caller, storeId);
        if (orderNo == null || orderNo.isBlank()) {
            throw ApiException.badRequest("orderNo is required");
        }
        Text.identifier(orderNo, "orderNo", MAX_ORDER_NO);
        lockStore(storeId);
        Order order = em.createQuery("select o from Order o where o.orderNo = :no and o.storeId = :store", Order.class)
                .setParameter("no", orderNo)
                .setParameter("store", storeId)
                .getResultStream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("order " + orderNo + " not found in store " + storeId));
        order.moveTo(next, reason, Instant.now());
        OrderDTO dto = OrderDTO.of(order);
        changed.fire(new OrderEvent(dto, unprocessed(storeId), null));
        return dto;
    }

    /** What a store's board starts from: its unprocessed count and its open orders, oldest first. */
    public Board board(long storeId, Caller caller) {
        access.requireStaff(caller, storeId);
        List<OrderDTO> open = em.createQuery(
                        "select o from Order o where o.storeId = :store and o.status in :open " + "order by o.id",
                        Order.class)
                .setParameter("store", storeId)
                .setParameter("open", OrderStatus.OPEN)
                .getResultStream()
                .map(OrderDTO::of)
                .toList();
        return new Board(unprocessed(storeId), open);
    }

    /** A store's orders, newest first, optionally of some statuses. */
    public Page list(long storeId, Collection<OrderStatus> statuses, int page, int size, Caller caller) {
        access.requireStaff(caller, storeId);
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
        }
        Collection<OrderStatus> wanted = statuses.isEmpty() ? List.of(OrderStatus.values()) : statuses;
        long first = (long) page * size;
        // A page past any store's orders is empty (the database cannot skip more rows than an int counts).
        List<OrderDTO> items = first > Integer.MAX_VALUE
                ? List.of()
                : em.createQuery(
                                "select o from Order o where o.storeId = :store "
                                        + "and o.status in :statuses order by o.id desc",
                                Order.class)
                        .setParameter("store", storeId)
                        .setParameter("statuses", wanted)
                        .setFirstResult((int) first)
                        .setMaxResults(size)
                        .getResultStream()
                        .map(OrderDTO::of)
                        .toList();
        long total = em.createQuery(
                        "select count(o) from Order o where o.storeId = :store " + "and o.status in :statuses",
                        Long.class)
                .setParameter("store", storeId)
                .setParameter("statuses", wanted)
                .getSingleResult();
        return new Page(items, page, size, total);
    }

    private long unprocessed(long storeId) {
        return em.createQuery(
                        "select count(o) from Order o where o.storeId = :store and o.status in :unprocessed",
                        Long.class)
                .setParameter("store", storeId)
                .setParameter("unprocessed", OrderStatus.UNPROCESSED)
                .getSingleResult();
    }

    private void lockStore(long storeId) {
        if (em.find(Store.class, storeId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ApiException.notFound("store " + storeId + " not found");
        }
    }

    private boolean taken(String orderNo) {
        return !em.createQuery("select o.id from Order o where o.orderNo = :no", Long.class)
                .setParameter("no", orderNo)
                .setMaxResults(1)
                .getResultList()
                .isEmpty();
    }

    private Order bySubmitKey(long tableId, String key, Instant notBefore) {
        return em.createQuery(
                        "select o from Order o where o.tableId = :table and o.idempotencyKey = :key "
                                + "and o.createdAt >= :notBefore",
                        Order.class)
                .setParameter("table", tableId)
                .setParameter("key", key)
                .setParameter("notBefore", notBefore)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** Keys older than their lifetime are let go, so a client may use one again (the cart's lock is held). */
    private void forgetOldKeys(long tableId, Instant cutoff) {
        em.createQuery("update Order o set o.idempotencyKey = null where o.tableId = :table "
                        + "and o.idempotencyKey is not null and o.createdAt < :cutoff")
                .setParameter("table", tableId)
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotencyKey is required: the same key makes a retried submit safe");
        }
        return Text.identifier(key, "idempotencyKey", MAX_IDEMPOTENCY_KEY);
    }
}
