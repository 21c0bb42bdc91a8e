package app.tablecart.order.entity;

import java.util.EnumSet;
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
