/**
 * The seed's cart API under {@code /api/store/order/cart}: read, add, update, remove, clear.
 */
package app.tablecart.cart.boundary;
