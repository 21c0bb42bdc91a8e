/**
 * {@link app.tablecart.order.control.OrderService}: submit under the cart's lock, status changes under the
 * store's, the board's greeting and the list.
 */
package app.tablecart.order.control;
