package app.tablecart.realtime;

/**
 * Which live channel: a table's (its diners and the staff looking at it) or a store's order board (its staff).
 *
 * @param id the table's id or the store's id
 */
public record ChannelKey(Scope scope, long id) {

    public enum Scope {
        TABLE,
        BOARD
    }

    public static ChannelKey table(long tableId) {
        return new ChannelKey(Scope.TABLE, tableId);
    }

    public static ChannelKey board(long storeId) {
        return new ChannelKey(Scope.BOARD, storeId);
    }

    boolean isTable() {
        return scope == Scope.TABLE;
    }
}
