package app.tablecart.cart.entity;

/** What a change did to the cart, as the notice names it. */
public enum CartAction {
    ADDED,
    UPDATED,
    REMOVED,
    CLEARED,
    /** The cart went to the kitchen as an order and is empty again. */
    SUBMITTED,
    /** A dish in the cart was sold out (or came back): its line is flagged. */
    SOLD_OUT,
    BACK_ON_MENU;

    /** The word sent to clients: {@code added}, {@code updated} … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
