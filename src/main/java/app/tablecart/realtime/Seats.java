package app.tablecart.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who sits at a table: one seat per diner, however many connections they have open, in order of arrival (staff are
 * not seated). A change is told a moment after it happens ({@link #DELAY_MILLIS}, plus a millisecond per connection
 * of the table): arrivals and departures in between go out as one {@code presence} event, so a crowd connecting at once
 * does not cost an event per pair of connections.
 * <p>
 * Not thread-safe: its channel calls it with its own lock held, and the scheduled telling takes that lock too.
 */
final class Seats {

    static final long DELAY_MILLIS = 100;
    private static final long MAX_DELAY_MILLIS = 1000;

    private final long tableId;
    private final ScheduledExecutorService scheduler;
    private final Runnable tell;
    private final Map<Long, Seat> byUser = new LinkedHashMap<>();
    private volatile Presence presence;
    private LiveEvent event;
    private boolean due;

    private static final class Seat {
        final String nickname;
        int connections;

        Seat(String nickname) {
            this.nickname = nickname;
        }
    }

    /** @param tell what tells the table, a moment after a change (it takes the channel's lock and calls {@link #told}) */
    Seats(long tableId, ScheduledExecutorService scheduler, Runnable tell) {
        this.tableId = tableId;
        this.scheduler = scheduler;
        this.tell = tell;
        this.presence = Presence.of(tableId, List.of());
        this.event = presence.event();
    }

    /** A connection of this viewer opened; the table is told a moment later if it brought a new diner. */
    void arrived(Viewer viewer, int connections) {
        if (!viewer.staff()
                && byUser.computeIfAbsent(viewer.userId(), id -> new Seat(viewer.nickname())).connections++ == 0) {
            changed(connections);
        }
    }

    /** A connection of this viewer closed; the table is told a moment later if it was the diner's last. */
    void left(Viewer viewer, int connections) {
        Seat seat = viewer.staff() ? null : byUser.get(viewer.userId());
        if (seat != null && --seat.connections == 0) {
            byUser.remove(viewer.userId());
            changed(connections);
        }
    }

    /** Who is at the table now. */
    Presence presence() {
        return presence;
    }

    /** The presence event of now, for a new connection's greeting. */
    LiveEvent event() {
        return event;
    }

    /** The change was told; later changes schedule a new telling. Returns what to tell. */
    LiveEvent told() {
        due = false;
        return event;
    }

    private void changed(int connections) {
        presence = Presence.of(
                tableId,
                byUser.entrySet().stream()
                        .map(seat -> new Presence.Present(seat.getKey(), seat.getValue().nickname))
                        .toList());
        event = presence.event();
        if (!due) {
            try {
                scheduler.schedule(tell, Math.min(MAX_DELAY_MILLIS, DELAY_MILLIS + connections), TimeUnit.MILLISECONDS);
                due = true;
            } catch (RejectedExecutionException shuttingDown) {
                // the service stops: nobody is left to tell
            }
        }
    }
}
