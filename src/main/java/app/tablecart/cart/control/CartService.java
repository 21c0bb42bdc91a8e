package app.tablecart.cart.control;

import app.tablecart.auth.control.TableAccess;
import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.Cart;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartRequest;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way into a table's cart, for REST and WebSocket alike. A change is applied in a transaction holding a
 * write lock on the table's cart row, so concurrent changes to one table queue up instead of failing or getting
 * lost; under load, {@link CartWriter} puts the changes of several tables into one transaction. After the commit, a
 * {@link CartUpdate} event carries each committed cart to the live channels.
 */
@ApplicationScoped
public class CartService {

    /** A cart with its table, its lines and their dishes, in one query rather than one per thing touched. */
    private static final String CART_AND_LINES = "select c from Cart c join fetch c.table left join fetch c.lines l "
            + "left join fetch l.cuisine where c.tableId in :tables";

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<CartUpdate> committed;

    @Inject
    TableAccess access;

    @Inject
    CartWriter writer;

    @Inject
    @ConfigProperty(name = "tablecart.cart.max-line-quantity")
    int maxPerLine;

    @Inject
    @ConfigProperty(name = "tablecart.cart.request-ttl")
    Duration requestTtl;

    /** The table's cart as it is now, for a caller who may see it. */
    @Transactional
    public CartUpdate current(long tableId, Caller caller) {
        Cart cart = cart(tableId, caller, LockModeType.NONE);
        return new CartUpdate(CartDTO.of(cart), "current cart");
    }

    /**
     * Applies a change and answers with the committed cart; a retried request id answers with the cart as is. Runs
     * outside any caller's transaction: the change commits in its writer's.
     */
    public CartUpdate apply(CartChange change, Caller caller) {
        return writer.write(change, caller);
    }

    /**
     * Applies valid changes, at most one per table, in this one transaction (see {@link CartWriter}). Each outcome
     * is the change's own: a refused change leaves its cart as it was, and the others go on.
     */
    @Transactional
    void applyAll(List<CartWrite> writes) {
        List<Long> tables = writes.stream().map(CartWrite::tableId).sorted().toList();
        Map<Long, Cart> carts = lockedCarts(tables);
        Set<CartRequest.Key> seen = requestsSeen(writes, tables);
        for (CartWrite write : writes) {
            try {
                write.applied(applyOne(write.change(), write.caller(), carts.get(write.tableId()), seen));
            } catch (ApiException refused) {
                write.refused(refused);
            }
        }
    }

    private CartUpdate applyOne(CartChange change, Caller caller, Cart cart, Set<CartRequest.Key> seen) {
        if (cart == null) {
            throw tableNotFound(change.tableId());
        }
        access.requireTable(caller, cart.getTable());
        CartRequest.Key request = change.requestId() == null ? null
                : new CartRequest.Key(change.tableId(), change.requestId());
        if (request != null && seen.contains(request)) {
            return new CartUpdate(CartDTO.of(cart), "already applied");
        }
        change.applyTo(cart, this::cuisine, caller.diner(), maxPerLine);
        if (request != null) {
            em.persist(new CartRequest(change.tableId(), change.requestId(), Instant.now()));
        }
        CartUpdate update = CartUpdate.of(cart);
        committed.fire(update); // observed after the commit only
        return update;
    }

    /**
     * The carts of these tables, locked in table order as everywhere (so batches, orders and sold-out changes never
     * deadlock), then loaded in one query. A join would lock the tables' rows too, which session ends lock first.
     */
    private Map<Long, Cart> lockedCarts(List<Long> tables) {
        overTables("select c from Cart c where c.tableId in :tables order by c.tableId", tables)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        // A list, not a stream: streamed, a cart's rows must come one after another or its lines load in part.
        return overTables(CART_AND_LINES, tables).getResultList().stream()
                .collect(Collectors.toMap(Cart::getTableId, Function.identity(), (same, again) -> same));
    }

    /**
     * A query on carts over these tables, one parameter per table, padded to a power of two by repeating the last:
     * Hibernate translates a query whose parameter may take a list again at every execution (4 % of the server's
     * CPU in benchmark b), a lone {@code in (:t0)} too, but caches one bound to single values per padded size.
     */
    private TypedQuery<Cart> overTables(String jpql, List<Long> tables) {
        int size = tables.size() <= 1 ? 1 : Integer.highestOneBit(tables.size() - 1) << 1;
        TypedQuery<Cart> query = em.createQuery(size == 1 ? jpql.replace("in :tables", "= :t0")
                : jpql.replace(":tables", IntStream.range(0, size).mapToObj(i -> ":t" + i)
                        .collect(Collectors.joining(", ", "(", ")"))), Cart.class);
        for (int i = 0; i < size; i++) {
            query.setParameter("t" + i, tables.get(Math.min(i, tables.size() - 1)));
        }
        return query;
    }

    /**
     * The request ids of these changes already applied within their lifetime, in one query; older ones are let go
     * first, so a client may use an id again (the carts' locks are held, so no change of theirs is in between).
     */
    private Set<CartRequest.Key> requestsSeen(List<CartWrite> writes, List<Long> tables) {
        List<String> ids = writes.stream().map(write -> write.change().requestId()).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        em.createQuery("delete from CartRequest r where r.tableId in :tables and r.appliedAt < :cutoff")
                .setParameter("tables", tables)
                .setParameter("cutoff", Instant.now().minus(requestTtl))
                .executeUpdate();
        return em.createQuery("select r from CartRequest r where r.tableId in :tables and r.requestId in :ids",
                        CartRequest.class)
                .setParameter("tables", tables).setParameter("ids", ids).getResultStream()
                .map(CartRequest::key).collect(Collectors.toSet());
    }

    /**
     * The table's cart, after the access rule: in the same transaction, so a session closed meanwhile cannot slip a
     * change in. The lock, if any, is on the cart row (a table's changes, orders and session ends queue on it).
     */
    @Transactional
    public Cart cart(long tableId, Caller caller, LockModeType lock) {
        if (lock != LockModeType.NONE && em.find(Cart.class, tableId, lock) == null) {
            throw tableNotFound(tableId);
        }
        // The row lock alone first (a join would lock the table's row too); then the cart as one query.
        Cart cart = overTables(CART_AND_LINES, List.of(tableId)).getResultList().stream().findFirst()
                .orElseThrow(() -> tableNotFound(tableId));
        access.requireTable(caller, cart.getTable());
        return cart;
    }

    /**
     * A dish was sold out or came back: every cart holding it gets a new version whose line shows it, so each table
     * sees the flag at once. Carts are locked in table order, as everywhere, so two such changes never deadlock.
     */
    @Transactional
    public void availabilityChanged(Cuisine cuisine, Caller staff) {
        List<Long> tables = em.createQuery("select l.cart.tableId from CartLine l where l.cuisine.id = :cuisine "
                        + "order by l.cart.tableId", Long.class)
                .setParameter("cuisine", cuisine.getId()).getResultList();
        for (long tableId : tables) {
            Cart cart = em.find(Cart.class, tableId, LockModeType.PESSIMISTIC_WRITE);
            cart.availabilityChanged(cuisine, staff.diner());
            committed.fire(CartUpdate.of(cart));
        }
    }

    private Cuisine cuisine(long cuisineId) {
        Cuisine cuisine = em.find(Cuisine.class, cuisineId);
        if (cuisine == null) {
            throw ApiException.notFound("cuisine " + cuisineId + " not found");
        }
        return cuisine;
    }

    private static ApiException tableNotFound(long tableId) {
        return ApiException.notFound("table " + tableId + " not found");
    }
}
