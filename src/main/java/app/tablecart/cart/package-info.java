/**
 * The table's shared cart. {@code entity}: the cart, its lines and the rules of its arithmetic; {@code control}: the
 * one transactional service that every channel calls; {@code boundary}: REST, the SSE stream and the WebSocket, and
 * the hand-over of committed carts to the live channels.
 */
package app.tablecart.cart;
