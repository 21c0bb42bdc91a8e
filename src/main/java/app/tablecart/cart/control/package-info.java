/**
 * The one way into a table's cart ({@link app.tablecart.cart.control.CartService}), reading changes from JSON
 * ({@link app.tablecart.cart.control.CartRequests}) and applying them by group commit
 * ({@link app.tablecart.cart.control.Lanes}, {@link app.tablecart.cart.control.CartBatches}); it also follows the menu
 * and the tables' events (a dish sold out, a table closed) in their own transactions.
 */
package app.tablecart.cart.control;
