/**
 * Orders: a table's cart sent to the kitchen, the staff moving it on, and a store's list of them.
 */
package app.tablecart.order;
