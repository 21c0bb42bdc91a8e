/**
 * The restaurant's floor: stores, their dining tables and join codes, joining a table, closing it, messages at
 * it, and the access rule for tables and stores ({@link app.tablecart.table.control.TableAccess}).
 */
package app.tablecart.table;
