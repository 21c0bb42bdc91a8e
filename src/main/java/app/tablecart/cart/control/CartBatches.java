package app.tablecart.cart.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.Cart;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartRequest;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import app.tablecart.table.control.TableAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One write transaction of cart changes, at most one per table (group commit: {@link Lanes}). It holds a write lock
 * on each table's cart row, so a table's changes queue up instead of failing or getting lost. After the commit, a
 * {@link CartUpdate} event carries each committed cart to the live channels.
 */
@ApplicationScoped
@Transactional
public class CartBatches {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<CartUpdate> committed;

    @Inject
    TableAccess access;

    @Inject
    @ConfigProperty(name = "tablecart.cart.max-line-quantity")
    int maxPerLine;

    @Inject
    @ConfigProperty(name = "tablecart.cart.request-ttl")
    Duration requestTtl;

    /**
     * Applies valid changes, at most one per table, in this one transaction (see {@link Lanes}). Each outcome
     * is the change's own: a refused change leaves its cart as it was, and the others go on.
     */
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
            throw CartQueries.tableNotFound(change.tableId());
        }
        access.requireTable(caller, cart.getTable());
        CartRequest.Key request =
                change.requestId() == null ? null : new CartRequest.Key(change.tableId(), change.requestId());
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
        CartQueries.overTables(em, "select c from Cart c where c.tableId in :tables order by c.tableId", tables)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        // A list, not a stream: streamed, a cart's rows must come one after another or its lines load in part.
        return CartQueries.overTables(em, CartQueries.CART_AND_LINES, tables).getResultList().stream()
                .collect(Collectors.toMap(Cart::getTableId, Function.identity(), (same, again) -> same));
    }

    /**
     * The request ids of these changes already applied within their lifetime, in one query; older ones are let go
     * first, so a client may use an id again (the carts' locks are held, so no change of theirs is in between).
     */
    private Set<CartRequest.Key> requestsSeen(List<CartWrite> writes, List<Long> tables) {
        List<String> ids = writes.stream()
                .map(write -> write.change().requestId())
                .filter(Objects::nonNull)
                .toList();
        if (ids.isEmpty()) {
            return Set.of();
        }
        em.createQuery("delete from CartRequest r where r.tableId in :tables and r.appliedAt < :cutoff")
                .setParameter("tables", tables)
                .setParameter("cutoff", Instant.now().minus(requestTtl))
                .executeUpdate();
        return em.createQuery(
                        "select r from CartRequest r where r.tableId in :tables and r.requestId in :ids",
                        CartRequest.class)
                .setParameter("tables", tables)
                .setParameter("ids", ids)
                .getResultStream()
                .map(CartRequest::key)
                .collect(Collectors.toSet());
    }

    private Cuisine cuisine(long cuisineId) {
        Cuisine cuisine = em.find(Cuisine.class, cuisineId);
        if (cuisine == null) {
            throw ApiException.notFound("cuisine " + cuisineId + " not found");
        }
        return cuisine;
    }
}
