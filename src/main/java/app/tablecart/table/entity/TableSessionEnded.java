package app.tablecart.table.entity;

/** A table's party left (or its code was rotated): diner tokens of sessions before {@code session} stop working. */
public record TableSessionEnded(long tableId, long session) {}
