package app.tablecart.cart.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.Cart;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.menu.entity.AvailabilityChanged;
import app.tablecart.table.control.TableAccess;
import app.tablecart.table.entity.TableClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * The one way into a table's cart, for REST and WebSocket alike. A change is applied in a transaction holding a
 * write lock on the table's cart row, so concurrent changes to one table queue up instead of failing or getting
 * lost; under load, {@link CartWriter} puts the changes of several tables into one transaction. After the commit, a
 * {@link CartUpdate} event carries each committed cart to the live channels.
 */
@ApplicationScoped
public class CartService {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<CartUpdate> committed;

    @Inject
    TableAccess access;

    @Inject
    CartWriter writer;

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
     * The table's cart, after the access rule: in the same transaction, so a session closed meanwhile cannot slip a
     * change in. The lock, if any, is on the cart row (a table's changes, orders and session ends queue on it).
     */
    @Transactional
    public Cart cart(long tableId, Caller caller, LockModeType lock) {
        if (lock != LockModeType.NONE && em.find(Cart.class, tableId, lock) == null) {
            throw CartQueries.tableNotFound(tableId);
        }
        // The row lock alone first (a join would lock the table's row too); then the cart as one query.
        Cart cart = CartQueries.overTables(em, CartQueries.CART_AND_LINES, List.of(tableId)).getResultList().stream()
                .findFirst()
                .orElseThrow(() -> CartQueries.tableNotFound(tableId));
        access.requireTable(caller, cart.getTable());
        return cart;
    }

    /**
     * A dish was sold out or came back (in the menu's transaction): every cart holding it gets a new version whose
     * line shows it, so each table sees the flag at once. Carts are locked in table order, as everywhere, so two such
     * changes never deadlock.
     */
    void availabilityChanged(@Observes AvailabilityChanged change) {
        List<Long> tables = em.createQuery(
                        "select l.cart.tableId from CartLine l where l.cuisine.id = :cuisine "
                                + "order by l.cart.tableId",
                        Long.class)
                .setParameter("cuisine", change.dish().getId())
                .getResultList();
        for (long tableId : tables) {
            Cart cart = em.find(Cart.class, tableId, LockModeType.PESSIMISTIC_WRITE);
            cart.availabilityChanged(change.dish(), change.by());
            committed.fire(CartUpdate.of(cart));
        }
    }

    /** A table was closed (in its transaction, the table's row locked): its cart is emptied under the cart's lock. */
    void tableClosed(@Observes TableClosed closed) {
        Cart cart = em.find(Cart.class, closed.tableId(), LockModeType.PESSIMISTIC_WRITE);
        if (cart != null) {
            cart.clear(closed.by());
            committed.fire(CartUpdate.of(cart));
        }
    }
}
