package app.tablecart.table.entity;

import jakarta.persistence.Column;
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

    /** What the table's QR code encodes: a diner who knows it may join the table's current session. */
    @Column(name = "join_code")
    private String joinCode;

    /** The party now at the table; tokens of earlier sessions no longer work. */
    @Column(name = "session_no")
    private long session = 1;

    protected DiningTable() {}

    public DiningTable(Store store, String number) {
        this.store = store;
        this.number = number;
        this.joinCode = JoinCode.random();
    }

    /** A new party: a new code, and every token of the old session stops working. */
    public void newSession() {
        joinCode = JoinCode.random();
        session++;
    }

    /** For tables that have no code yet (created before codes existed). */
    public void assignCodeIfMissing() {
        if (joinCode == null) {
            joinCode = JoinCode.random();
        }
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

    public String getJoinCode() {
        return joinCode;
    }

    public long getSession() {
        return session;
    }
}
