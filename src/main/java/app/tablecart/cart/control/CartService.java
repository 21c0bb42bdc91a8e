package app.tablecart.cart.control;

import app.tablecart.auth.control.TableAccess;
import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.Cart;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartRequest;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one way into a table's cart, for REST and WebSocket alike. Each change runs in its own transaction holding a
 * write lock on the table's cart row, so concurrent changes to one table queue up instead of failing or getting
 * lost; after the commit, a {@link CartUpdate} event carries the committed cart to the live channels.
 */
@ApplicationScoped
@Transactional
public class CartService {

    @PersistenceContext
    EntityManager em;

    @Inject
    ValidatorFactory validation;

    /** Set up once; see {@link #init()}. */
    private Validator validator;

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

    @PostConstruct
    void init() {
        // A change is a value, not an entity: the container's JPA-aware resolver would ask every persistence provider
        // (EclipseLink's under a lock) whether each field is loaded, for every change.
        validator = validation.usingContext().traversableResolver(new ValuesOnly()).getValidator();
    }

    /** The table's cart as it is now, for a caller who may see it. */
    public CartUpdate current(long tableId, Caller caller) {
        Cart cart = cart(tableId, caller, LockModeType.NONE);
        return new CartUpdate(CartDTO.of(cart), "current cart");
    }

    /** Applies a change and answers with the committed cart; a retried request id answers with the cart as is. */
    public CartUpdate apply(CartChange change, Caller caller) {
        validate(change);
        Cart cart = cart(change.tableId(), caller, LockModeType.PESSIMISTIC_WRITE);
        if (change.requestId() != null && alreadyApplied(change)) {
            return new CartUpdate(CartDTO.of(cart), "already applied");
        }
        change.applyTo(cart, this::cuisine, caller.diner(), maxPerLine);
        CartUpdate update = CartUpdate.of(cart);
        committed.fire(update); // observed after the commit only
        return update;
    }

    /**
     * The table's cart, after the access rule: in the same transaction, so a session closed meanwhile cannot slip a
     * change in. The lock, if any, is on the cart row (a table's changes, orders and session ends queue on it).
     */
    public Cart cart(long tableId, Caller caller, LockModeType lock) {
        if (lock != LockModeType.NONE && em.find(Cart.class, tableId, lock) == null) {
            throw tableNotFound(tableId);
        }
        // The row lock alone first (a join would lock the table's row too); then the table, the lines and their
        // dishes in one query, not one query each as they are touched.
        Cart cart = em.createQuery("select c from Cart c join fetch c.table left join fetch c.lines l "
                        + "left join fetch l.cuisine where c.tableId = :table", Cart.class)
                .setParameter("table", tableId).getResultStream().findFirst()
                .orElseThrow(() -> tableNotFound(tableId));
        access.requireTable(caller, cart.getTable());
        return cart;
    }

    /**
     * A dish was sold out or came back: every cart holding it gets a new version whose line shows it, so each table
     * sees the flag at once. Carts are locked in table order, as everywhere, so two such changes never deadlock.
     */
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

    /** Records the request id; the cart row lock makes this check-then-insert safe. */
    private boolean alreadyApplied(CartChange change) {
        Instant now = Instant.now();
        Instant cutoff = now.minus(requestTtl);
        CartRequest seen = em.find(CartRequest.class, new CartRequest.Key(change.tableId(), change.requestId()));
        if (seen != null && seen.getAppliedAt().isAfter(cutoff)) {
            return true;
        }
        if (seen != null) {
            seen.appliedAgainAt(now);
        } else {
            em.createQuery("delete from CartRequest r where r.tableId = :table and r.appliedAt < :cutoff")
                    .setParameter("table", change.tableId())
                    .setParameter("cutoff", cutoff)
                    .executeUpdate();
            em.persist(new CartRequest(change.tableId(), change.requestId(), now));
        }
        return false;
    }

    private void validate(CartChange change) {
        var violations = validator.validate(change);
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations.stream().map(ConstraintViolation::getMessage).sorted()
                    .collect(Collectors.joining("; ")));
        }
    }

    /** Everything of a value object is reachable and nothing cascades. */
    private static final class ValuesOnly implements TraversableResolver {

        @Override
        public boolean isReachable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node property, Class<?> root, Path path, ElementType type) {
            return false;
        }
    }

    private static ApiException tableNotFound(long tableId) {
        return ApiException.notFound("table " + tableId + " not found");
    }
}
