package app.tablecart.cart.control;

import app.tablecart.cart.entity.Cart;
import app.tablecart.platform.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The cart queries that reads and writes share. */
final class CartQueries {

    /** A cart with its table, its lines and their dishes, in one query rather than one per thing touched. */
    static final String CART_AND_LINES = "select c from Cart c join fetch c.table left join fetch c.lines l "
            + "left join fetch l.cuisine where c.tableId in :tables";

    private CartQueries() {}

    static ApiException tableNotFound(long tableId) {
        return ApiException.notFound("table " + tableId + " not found");
    }

    /**
     * A query on carts over these tables, one parameter per table, padded to a power of two by repeating the last:
     * Hibernate translates a query whose parameter may take a list again at every execution (4 % of the server's
     * CPU in benchmark b), a lone {@code in (:t0)} too, but caches one bound to single values per padded size.
     */
    static TypedQuery<Cart> overTables(EntityManager em, String jpql, List<Long> tables) {
        int size = tables.size() <= 1 ? 1 : Integer.highestOneBit(tables.size() - 1) << 1;
        TypedQuery<Cart> query = em.createQuery(
                size == 1
                        ? jpql.replace("in :tables", "= :t0")
                        : jpql.replace(
                                ":tables",
                                IntStream.range(0, size)
                                        .mapToObj(i -> ":t" + i)
                                        .collect(Collectors.joining(", ", "(", ")"))),
                Cart.class);
        for (int i = 0; i < size; i++) {
            query.setParameter("t" + i, tables.get(Math.min(i, tables.size() - 1)));
        }
        return query;
    }
}
