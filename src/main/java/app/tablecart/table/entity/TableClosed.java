package app.tablecart.table.entity;

import app.tablecart.auth.entity.Diner;

/**
 * Staff closed a table: its party left. Observed synchronously, in the closing transaction, by the cart feature,
 * which empties the table's cart; the new session ({@link TableSessionEnded}) commits with it.
 */
public record TableClosed(long tableId, Diner by) {}
