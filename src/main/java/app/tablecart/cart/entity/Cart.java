package app.tablecart.cart.entity;

import app.tablecart.auth.entity.Diner;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.table.entity.DiningTable;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one cart of a dining table, shared by everyone at it. The cart row is permanent; every change increments its
 * {@code version} (Hibernate would not: only child rows change), so clients can order what they receive. Callers
 * hold a write lock on the row while they change it: that, not an optimistic check, is what serialises a table's
 * changes.
 */
@Entity
@Table(name = "cart")
public class Cart {

    @Id
    @Column(name = "table_id")
    private Long tableId;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "table_id")
    private DiningTable table;

    private long version;

    @Embedded
    private CartNotice notice;

    @OneToMany(mappedBy = "cart", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("addedVersion")
    private List<CartLine> lines = new ArrayList<>();

    protected Cart() {}

    public Cart(DiningTable table) {
        this.table = table;
    }

    /** Adds {@code quantity} of a dish, to its existing line if there is one; a given remark replaces the old one. */
    public void add(Cuisine cuisine, int quantity, String remark, Diner by, int maxPerLine) {
        requireOnMenu(cuisine);
        requireAvailable(cuisine);
        requirePositive(quantity);
        CartLine line = line(cuisine.getId()).orElse(null);
        int total = (line == null ? 0 : line.getQuantity()) + quantity;
        requireAtMost(cuisine, total, maxPerLine);
        long next = version + 1;
        if (line == null) {
            line = new CartLine(this, cuisine, by, next);
            lines.add(line);
        }
        line.setQuantity(total);
        if (remark != null) {
            line.setRemark(remark);
        }
        changed(next, new CartNotice(CartAction.ADDED, by, cuisine.getId(), cuisine.getName(), quantity));
    }

    /** Sets a dish's quantity; 0 removes the line. */
    public void set(Cuisine cuisine, int quantity, Diner by, int maxPerLine) {
        requireOnMenu(cuisine);
        requireNotNegative(quantity);
        if (quantity == 0) {
            remove(cuisine.getId(), by);
            return;
        }
        requireAvailable(cuisine);
        requireAtMost(cuisine, quantity, maxPerLine);
        long next = version + 1;
        CartLine line = line(cuisine.getId()).orElseGet(() -> {
            CartLine created = new CartLine(this, cuisine, by, next);
            lines.add(created);
            return created;
        });
        line.setQuantity(quantity);
        changed(next, new CartNotice(CartAction.UPDATED, by, cuisine.getId(), cuisine.getName(), quantity));
    }

    /** Removes a dish's line. */
    public void remove(long cuisineId, Diner by) {
        CartLine line = line(cuisineId)
                .orElseThrow(() -> ApiException.notFound("cuisine " + cuisineId + " is not in the cart"));
        lines.remove(line);
        Cuisine cuisine = line.getCuisine();
        changed(version + 1, new CartNotice(CartAction.REMOVED, by, cuisine.getId(), cuisine.getName(), null));
    }

    /** Empties the cart; an empty cart still gets a new version, so every client sees the clear. */
    public void clear(Diner by) {
        lines.clear();
        changed(version + 1, new CartNotice(CartAction.CLEARED, by, null, null, null));
    }

    /** The cart became an order: it starts again empty. */
    public void submitted(Diner by) {
        lines.clear();
        changed(version + 1, new CartNotice(CartAction.SUBMITTED, by, null, null, null));
    }

    /** Lines of the dish show its new availability; the table is told with a new version. */
    public void availabilityChanged(Cuisine cuisine, Diner by) {
        changed(
                version + 1,
                new CartNotice(
                        cuisine.isAvailable() ? CartAction.BACK_ON_MENU : CartAction.SOLD_OUT,
                        by,
                        cuisine.getId(),
                        cuisine.getName(),
                        null));
    }

    /** The lines whose dish is sold out: such a cart cannot be submitted until they are removed. */
    public List<CartLine> soldOutLines() {
        return lines.stream().filter(line -> !line.getCuisine().isAvailable()).toList();
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Sum of the lines' subtotals, scale 2. */
    public BigDecimal totalAmount() {
        return lines.stream()
                .map(CartLine::subtotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    public int totalQuantity() {
        return lines.stream().mapToInt(CartLine::getQuantity).sum();
    }

    private void changed(long nextVersion, CartNotice what) {
        version = nextVersion;
        notice = what;
    }

    private Optional<CartLine> line(long cuisineId) {
        return lines.stream().filter(l -> l.getCuisine().getId() == cuisineId).findFirst();
    }

    private void requireOnMenu(Cuisine cuisine) {
        if (!cuisine.getStoreId().equals(table.getStoreId())) {
            throw ApiException.notFound("cuisine " + cuisine.getId() + " is not on this store's menu");
        }
    }

    private static void requireAvailable(Cuisine cuisine) {
        if (!cuisine.isAvailable()) {
            throw new ApiException(Problem.CONFLICT, "dish_unavailable", cuisine.getName() + " is sold out");
        }
    }

    /** What may be added: at least one. Also checked as a request is read, before it waits for a transaction. */
    public static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw ApiException.badRequest("quantity must be at least 1");
        }
    }

    /** What a line may be set to: zero (removes it) or more. */
    public static void requireNotNegative(int quantity) {
        if (quantity < 0) {
            throw ApiException.badRequest("quantity must be 0 or more");
        }
    }

    private static void requireAtMost(Cuisine cuisine, int total, int maxPerLine) {
        if (total > maxPerLine) {
            throw ApiException.badRequest(
                    cuisine.getName() + " would reach ×" + total + "; a line holds at most ×" + maxPerLine);
        }
    }

    public Long getTableId() {
        return tableId;
    }

    public DiningTable getTable() {
        return table;
    }

    public long getVersion() {
        return version;
    }

    /** The change that produced this version; null before the first change. */
    public CartNotice getNotice() {
        return notice == null || notice.getAction() == null ? null : notice;
    }

    public List<CartLine> getLines() {
        return List.copyOf(lines);
    }
}
