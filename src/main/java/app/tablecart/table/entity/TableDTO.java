package app.tablecart.table.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A table as staff see it, with the code its QR encodes and its current session. */
@JsonbPropertyOrder({"id", "storeId", "number", "joinCode", "session"})
public record TableDTO(long id, long storeId, String number, String joinCode, long session) {

    public static TableDTO of(DiningTable table) {
        return new TableDTO(
                table.getId(), table.getStoreId(), table.getNumber(), table.getJoinCode(), table.getSession());
    }
}
