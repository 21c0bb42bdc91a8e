package app.tablecart.order.entity;

import app.tablecart.auth.entity.Diner;
import app.tablecart.cart.entity.Cart;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.platform.Text;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's cart as it was sent to the kitchen, and where it has got to since. Lines, prices and totals are copied
 * from the cart at that moment (its arithmetic stays the cart's); only the status changes afterwards.
 */
@Entity
@Table(name = "orders")
public class Order {

    public static final int MAX_REASON = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_no")
    private String orderNo;

    @Column(name = "store_id")
    private long storeId;

    @Column(name = "table_id")
    private long tableId;

    @Column(name = "table_number")
    private String tableNumber;

    @Column(name = "table_session")
    private long tableSession;

    @Enumerated(EnumType.STRING)
    private OrderStatus status;

    @Column(name = "total_amount", precision = 12, scale = 2)
    private BigDecimal totalAmount;

    @Column(name = "total_quantity")
    private int totalQuantity;

    @Column(name = "submitted_by")
    private long submittedBy;

    @Column(name = "submitted_by_name")
    private String submittedByName;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "reject_reason")
    private String rejectReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
    @OrderBy("lineNo")
    private List<OrderLine> lines = new ArrayList<>();

    protected Order() {}

    /** The cart's lines and totals as they are now; the cart itself is left to the caller to empty. */
    public Order(Cart cart, Diner by, String orderNo, String idempotencyKey, Instant now) {
        var table = cart.getTable();
        this.orderNo = orderNo;
        this.storeId = table.getStoreId();
        this.tableId = table.getId();
        this.tableNumber = table.getNumber();
        this.tableSession = table.getSession();
        this.status = OrderStatus.SUBMITTED;
        this.totalAmount = cart.totalAmount();
        this.totalQuantity = cart.totalQuantity();
        this.submittedBy = by.userId();
        this.submittedByName = by.nickname();
        this.idempotencyKey = idempotencyKey;
        this.createdAt = stored(now);
        this.updatedAt = createdAt;
        int lineNo = 0;
        for (var line : cart.getLines()) {
            lines.add(new OrderLine(this, ++lineNo, line));
        }
    }

    /** Moves the order on; a move the status does not allow is a conflict, a rejection needs its reason. */
    public void moveTo(OrderStatus next, String reason, Instant now) {
        if (!status.next().contains(next)) {
            throw new ApiException(
                    Problem.CONFLICT,
                    "illegal_transition",
                    "order " + orderNo + " is " + status + " and cannot become " + next
                            + (status.next().isEmpty() ? "" : "; it can become " + status.next()));
        }
        String why = reason == null ? null : reason.strip();
        if (next == OrderStatus.REJECTED && (why == null || why.isEmpty())) {
            throw ApiException.badRequest("a rejection needs a reason");
        }
        Text.prose(why, "reason", MAX_REASON);
        status = next;
        rejectReason = next == OrderStatus.REJECTED ? why : rejectReason;
        updatedAt = stored(now);
    }

    /** The databases keep microseconds: the order a call answers with must equal the one read back later. */
    private static Instant stored(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    public String getOrderNo() {
        return orderNo;
    }

    public long getStoreId() {
        return storeId;
    }

    public long getTableId() {
        return tableId;
    }

    public String getTableNumber() {
        return tableNumber;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public BigDecimal getTotalAmount() {
        return totalAmount;
    }

    public int getTotalQuantity() {
        return totalQuantity;
    }

    public long getSubmittedBy() {
        return submittedBy;
    }

    public String getSubmittedByName() {
        return submittedByName;
    }

    public String getRejectReason() {
        return rejectReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<OrderLine> getLines() {
        return List.copyOf(lines);
    }
}
