package app.tablecart.menu.entity;

import app.tablecart.table.entity.Store;
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
import java.math.RoundingMode;

/** A dish on a store's menu, with its exact unit price. */
@Entity
@Table(name = "cuisine")
public class Cuisine {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "store_id")
    private Store store;

    private String name;

    private CuisineType type;

    @Column(name = "image_url")
    private String imageUrl;

    @Column(name = "unit_price", precision = 10, scale = 2)
    private BigDecimal unitPrice;

    private boolean available = true;

    protected Cuisine() {}

    public Cuisine(Store store, String name, CuisineType type, String imageUrl, BigDecimal unitPrice) {
        this.store = store;
        this.name = name;
        this.type = type;
        this.imageUrl = imageUrl;
        this.unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }

    public Long getId() {
        return id;
    }

    /** The store's id, read without loading the store. */
    public Long getStoreId() {
        return store.getId();
    }

    public String getName() {
        return name;
    }

    public CuisineType getType() {
        return type;
    }

    public String getImageUrl() {
        return imageUrl;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public boolean isAvailable() {
        return available;
    }

    /** Sold out (false) or back on the menu (true). */
    public void setAvailable(boolean available) {
        this.available = available;
    }
}
