package app.tablecart.live;

import app.tablecart.platform.Json;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.table.entity.TableMessage;

/** Messages at a table on the live channels: the event is named after the message type. */
public final class MessageEvents {

    private MessageEvents() {}

    /** {@code table_message_success} and the like, to the sender. */
    public static LiveEvent sent(String requestType, TableMessage message) {
        return LiveEvent.notice(requestType + "_success", "sent", Json.toJson(message));
    }

    static LiveEvent event(TableMessage message) {
        return LiveEvent.notice(
                message.kind().type(),
                message.from().nickname() + " at table " + message.tableNumber(),
                Json.toJson(message));
    }
}
