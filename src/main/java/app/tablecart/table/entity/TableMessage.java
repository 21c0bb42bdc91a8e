package app.tablecart.table.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import java.time.Instant;
import java.util.Locale;

/**
 * A message at a table: between its diners ({@code table_message}), from a diner to the store's staff
 * ({@code call_staff}), or from the staff to the table ({@code staff_message}). Text only, sent verbatim as a JSON
 * string: clients render it as text, never as markup.
 */
@JsonbPropertyOrder({"tableId", "tableNumber", "from", "text", "sentAt"})
public record TableMessage(
        @JsonbTransient Kind kind,
        @JsonbTransient long storeId,
        long tableId,
        String tableNumber,
        Sender from,
        String text,
        Instant sentAt) {

    public enum Kind {
        /** To everyone at the table; diners only. */
        TABLE_MESSAGE(false, false),
        /** To the store's board (the table sees it too); diners only. */
        CALL_STAFF(false, true),
        /** From the staff to the table (other staff see it on the board). */
        STAFF_MESSAGE(true, true);

        private final boolean fromStaff;
        private final boolean toBoard;

        Kind(boolean fromStaff, boolean toBoard) {
            this.fromStaff = fromStaff;
            this.toBoard = toBoard;
        }

        /** The message type on the wire: {@code table_message}, {@code call_staff}, {@code staff_message}. */
        public String type() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean fromStaff() {
            return fromStaff;
        }

        public boolean toBoard() {
            return toBoard;
        }
    }

    @JsonbPropertyOrder({"userId", "nickname", "staff"})
    public record Sender(long userId, String nickname, boolean staff) {}
}
