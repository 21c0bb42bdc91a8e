package app.tablecart.realtime;

import app.tablecart.platform.Json;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * Who is at a table right now: one entry per diner, however many connections they have open, in order of arrival.
 * Staff looking at the table are not listed. A crowd beyond {@link #MAX_LISTED} (no table seats that many) is
 * counted but not listed, so that the event stays small when it goes to every one of them.
 *
 * @param count how many diners are connected, listed or not
 */
@JsonbPropertyOrder({"tableId", "count", "diners"})
public record Presence(long tableId, int count, List<Present> diners) {

    public static final String EVENT = "presence";
    public static final int MAX_LISTED = 50;

    @JsonbPropertyOrder({"userId", "nickname"})
    public record Present(long userId, String nickname) {}

    /** Who is at the table, from everyone present in order of arrival; beyond {@link #MAX_LISTED}, only counted. */
    static Presence of(long tableId, List<Present> inArrivalOrder) {
        return new Presence(
                tableId,
                inArrivalOrder.size(),
                List.copyOf(inArrivalOrder.subList(0, Math.min(MAX_LISTED, inArrivalOrder.size()))));
    }

    public boolean occupied() {
        return count > 0;
    }

    LiveEvent event() {
        return LiveEvent.notice(
                EVENT, count + (count == 1 ? " diner" : " diners") + " at the table", Json.toJson(this));
    }
}
