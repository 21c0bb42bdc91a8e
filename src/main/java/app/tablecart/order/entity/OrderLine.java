package app.tablecart.order.entity;

import app.tablecart.cart.entity.CartLine;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** One dish of an order, with its name and price as they were when the order was submitted. */
@Entity
@Table(name = "order_line")
public class OrderLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;

    @Column(name = "line_no")
    private int lineNo;

    @Column(name = "cuisine_id")
    private long cuisineId;

    @Column(name = "cuisine_name")
    private String cuisineName;

    @Column(name = "cuisine_type")
    private int cuisineType;

    @Column(name = "unit_price", precision = 10, scale = 2)
    private BigDecimal unitPrice;

    private int quantity;

    @Column(precision = 12, scale = 2)
    private BigDecimal subtotal;

    @Column(name = "add_user_id")
    private Long addUserId;

    private String remark;

    protected OrderLine() {}

    OrderLine(Order order, int lineNo, CartLine line) {
        var cuisine = line.getCuisine();
        this.order = order;
        this.lineNo = lineNo;
        this.cuisineId = cuisine.getId();
        this.cuisineName = cuisine.getName();
        this.cuisineType = cuisine.getType().code();
        this.unitPrice = cuisine.getUnitPrice();
        this.quantity = line.getQuantity();
        this.subtotal = line.subtotal();
        this.addUserId = line.getAddUserId();
        this.remark = line.getRemark();
    }

    public int getLineNo() {
        return lineNo;
    }

    public long getCuisineId() {
        return cuisineId;
    }

    public String getCuisineName() {
        return cuisineName;
    }

    public int getCuisineType() {
        return cuisineType;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public int getQuantity() {
        return quantity;
    }

    public BigDecimal getSubtotal() {
        return subtotal;
    }

    public Long getAddUserId() {
        return addUserId;
    }

    public String getRemark() {
        return remark;
    }
}
