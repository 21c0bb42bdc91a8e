package app.tablecart.cart.entity;

/** What a change did to the cart, as the notice names it. */
public enum CartAction {
    ADDED,
    UPDATED,
    REMOVED,
    CLEARED;

    /** The word sent to clients: {@code added}, {@code updated} … */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
