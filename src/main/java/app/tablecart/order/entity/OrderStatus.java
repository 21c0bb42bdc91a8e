package app.tablecart.order.entity;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Text;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Where an order is: submitted by the table, then accepted, served and paid, or rejected by the staff. */
public enum OrderStatus {
    SUBMITTED,
    ACCEPTED,
    SERVED,
    PAID,
    REJECTED;

    /** Not yet looked at by the staff. */
    public static final Set<OrderStatus> UNPROCESSED = EnumSet.of(SUBMITTED);
    /** Still on the board: the kitchen or the floor has something to do. */
    public static final Set<OrderStatus> OPEN = EnumSet.of(SUBMITTED, ACCEPTED, SERVED);

    /** A status by its name, as clients send it (any case); 400 for none or an unknown one. */
    public static OrderStatus named(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("status is required; one of " + Arrays.toString(values()));
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiException.badRequest("status " + Text.quote(name) + " is not one of " + Arrays.toString(values()));
        }
    }

    /** The statuses an order may move to from this one. */
    public Set<OrderStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(ACCEPTED, REJECTED);
            case ACCEPTED -> EnumSet.of(SERVED, REJECTED);
            case SERVED -> EnumSet.of(PAID);
            case PAID, REJECTED -> EnumSet.noneOf(OrderStatus.class);
        };
    }
}
