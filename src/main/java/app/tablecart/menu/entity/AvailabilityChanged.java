package app.tablecart.menu.entity;

import app.tablecart.auth.entity.Diner;

/**
 * A dish was sold out or came back, inside the transaction that changed it: carts holding it take note in the same
 * transaction (observed synchronously by the cart feature).
 */
public record AvailabilityChanged(Cuisine dish, Diner by) {}
