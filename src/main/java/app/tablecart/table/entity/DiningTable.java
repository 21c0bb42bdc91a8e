package app.tablecart.table.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A table of a store, known to diners by its number such as {@code A01}. */
@Entity
@Table(name = "dining_table")
public class DiningTable {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "store_id")
    private Store store;

    private String number;

    protected DiningTable() {
    }

    public DiningTable(Store store, String number) {
        this.store = store;
        this.number = number;
    }

    public Long getId() {
        return id;
    }

    /** The store's id, read without loading the store. */
    public Long getStoreId() {
        return store.getId();
    }

    public String getNumber() {
        return number;
    }
}
