/**
 * Submitting an order, the store's order list and status changes over REST.
 */
package app.tablecart.order.boundary;
