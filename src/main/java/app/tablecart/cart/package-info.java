/**
 * The table's shared cart. {@code entity}: the cart, its lines and the rules of its arithmetic; {@code control}: the
 * one service every channel calls, and group commit; {@code boundary}: its REST API.
 */
package app.tablecart.cart;
