/**
 * An order and its lines as copied from the cart, its statuses and their transitions, and seed 001's order
 * numbers.
 */
package app.tablecart.order.entity;
