package app.tablecart.cart.entity;

import app.tablecart.auth.entity.Diner;
import app.tablecart.menu.entity.Cuisine;
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

/** One dish in the cart: its quantity, the diner's remark and who first added it. */
@Entity
@Table(name = "cart_line")
public class CartLine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "table_id")
    private Cart cart;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cuisine_id")
    private Cuisine cuisine;

    private int quantity;

    private String remark;

    @Column(name = "add_user_id")
    private Long addUserId;

    @Column(name = "add_user_phone")
    private String addUserPhone;

    /** The cart version that created the line: lines are listed in the order they were first added. */
    @Column(name = "added_version")
    private long addedVersion;

    protected CartLine() {}

    CartLine(Cart cart, Cuisine cuisine, Diner by, long addedVersion) {
        this.cart = cart;
        this.cuisine = cuisine;
        this.addUserId = by.userId();
        this.addUserPhone = by.phone();
        this.addedVersion = addedVersion;
    }

    /** unit price × quantity, exact. */
    public BigDecimal subtotal() {
        return cuisine.getUnitPrice().multiply(BigDecimal.valueOf(quantity));
    }

    void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    void setRemark(String remark) {
        this.remark = remark;
    }

    public Cuisine getCuisine() {
        return cuisine;
    }

    public int getQuantity() {
        return quantity;
    }

    public String getRemark() {
        return remark;
    }

    public Long getAddUserId() {
        return addUserId;
    }

    public String getAddUserPhone() {
        return addUserPhone;
    }

    public long getAddedVersion() {
        return addedVersion;
    }
}
