/**
 * The access rule, joining by code, the tables' codes and sessions, and messages at a table.
 */
package app.tablecart.table.control;
