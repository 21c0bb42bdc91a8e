package app.tablecart.auth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A member of a store's staff who signs in with a password (kept only as a PBKDF2 hash). The store is named by its
 * id: accounts are who signs in, the store is the table feature's.
 */
@Entity
@Table(name = "staff")
public class Staff {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "store_id")
    private long storeId;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    protected Staff() {}

    public Staff(long storeId, String username, String passwordHash) {
        this.storeId = storeId;
        this.username = username;
        this.passwordHash = passwordHash;
    }

    public Long getId() {
        return id;
    }

    public long getStoreId() {
        return storeId;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }
}
