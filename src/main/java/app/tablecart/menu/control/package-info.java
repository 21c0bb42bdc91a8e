/**
 * The menu query and availability changes, announced to carts (in the transaction) and to the live channels
 * (after it).
 */
package app.tablecart.menu.control;
