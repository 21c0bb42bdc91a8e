/**
 * Stores, dining tables, join codes, messages, and the events of a table closed or its session ended.
 */
package app.tablecart.table.entity;
