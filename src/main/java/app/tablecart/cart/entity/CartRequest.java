package app.tablecart.cart.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A client request id already applied to a table's cart, so that a retried change is applied once. */
@Entity
@Table(name = "cart_request")
@IdClass(CartRequest.Key.class)
public class CartRequest {

    @Id
    @Column(name = "table_id")
    private Long tableId;

    @Id
    @Column(name = "request_id")
    private String requestId;

    @Column(name = "applied_at")
    private Instant appliedAt;

    protected CartRequest() {}

    public CartRequest(long tableId, String requestId, Instant appliedAt) {
        this.tableId = tableId;
        this.requestId = requestId;
        this.appliedAt = appliedAt;
    }

    public Key key() {
        return new Key(tableId, requestId);
    }

    public static class Key implements Serializable {

        private Long tableId;
        private String requestId;

        protected Key() {}

        public Key(long tableId, String requestId) {
            this.tableId = tableId;
            this.requestId = requestId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && Objects.equals(tableId, key.tableId)
                    && Objects.equals(requestId, key.requestId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tableId, requestId);
        }
    }
}
