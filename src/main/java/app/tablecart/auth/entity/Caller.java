package app.tablecart.auth.entity;

import java.time.Instant;

/**
 * The verified holder of a token.
 *
 * @param userId tablecart's numeric id for the token's subject
 * @param storeId the store a staff member works for, or the diner's table's store
 * @param tableId a diner's table; null for staff
 * @param tableSession the table session a diner joined; null for staff
 * @param expiresAt when the token stops working; open connections are closed then
 */
public record Caller(
        long userId,
        Role role,
        long storeId,
        Long tableId,
        Long tableSession,
        String nickname,
        String phone,
        Instant expiresAt) {

    /** The longest nickname a diner may choose; longer names from an identity provider are cut to it. */
    public static final int MAX_NICKNAME = 32;

    public enum Role {
        DINER,
        STAFF
    }

    public boolean isStaff() {
        return role == Role.STAFF;
    }

    /** The person behind a cart change. */
    public Diner diner() {
        return new Diner(userId, nickname, phone);
    }
}
