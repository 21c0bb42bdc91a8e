package app.tablecart.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection that records each frame's type, version and data as it would leave, for tests of the channel and the
 * queue without a server. It sends at once unless {@link #stall}ed (a client that stopped reading).
 */
final class Recording extends Subscriber {

    private static long users;

    final List<String> sent = new ArrayList<>();
    CloseCause closedBy;
    private boolean stalled;

    Recording(String nickname, boolean staff, int maxPending) {
        this(++users, nickname, staff, maxPending);
    }

    Recording(long userId, String nickname, boolean staff, int maxPending) {
        super(new Viewer(userId, nickname, staff, 1, 1, Instant.MAX), maxPending);
    }

    Recording stall() {
        stalled = true;
        return this;
    }

    List<String> types() {
        return sent.stream()
                .map(frame -> frame.substring(0, frame.indexOf(' ')))
                .toList();
    }

    @Override
    Frame frame(LiveEvent event) {
        return new Frame(
                event.version(), event.isState(), event.type() + " v" + event.version() + " " + event.dataOf(view()));
    }

    @Override
    Frame farewell(Farewell farewell) {
        return new Frame(LiveEvent.UNVERSIONED, false, farewell.code);
    }

    @Override
    synchronized void sendQueued() {
        if (stalled) {
            return;
        }
        for (Frame frame = next(); frame != null; frame = next()) {
            sent.add((String) frame.payload());
        }
        drained();
    }

    @Override
    void closeTransport(CloseCause cause) {
        closedBy = cause;
    }

    @Override
    void probe() {}
}
