package app.tablecart.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One live connection of a table, SSE or WebSocket. Every event reaches it through {@link #offer(LiveEvent)}; it is
 * made into the transport's wire form for the connection's {@link View}, queued here and sent one after the other by
 * the transport, never by the thread that published it. The queue is bounded: a client that cannot keep up is
 * closed (it may reconnect and gets the current state first), so it never delays the others or fills the heap.
 * <p>
 * The version filter lives here, at the last step before the wire: whatever order events are offered in, the client
 * never receives an older state after a newer one, nor the same state twice.
 */
abstract class Subscriber {

    /** What the queue holds: the transport's wire form of one event. */
    record Frame(long version, boolean state, Object payload) {}

    private final ArrayDeque<Frame> queue = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Viewer viewer;
    private final View view;
    private final int maxPending;
    private volatile Runnable onClose = () -> {};
    private long lastVersion = LiveEvent.UNVERSIONED;
    private long lastStateVersion = LiveEvent.UNVERSIONED;
    private Farewell finishing; // guarded by this
    private LiveEvent newest; // the versioned event of the highest version offered as an event; guarded by this

    Subscriber(Viewer viewer, int maxPending) {
        this.viewer = viewer;
        this.view = View.of(viewer);
        this.maxPending = maxPending;
    }

    /** What to do once, when the connection ends (leave its channel); set before it joins one. */
    final void onClose(Runnable action) {
        onClose = action;
    }

    final Viewer viewer() {
        return viewer;
    }

    final View view() {
        return view;
    }

    /**
     * Queues a frame unless it is stale; closes the connection if the client is too far behind. Events come through
     * {@link #offer(LiveEvent)}; a transport queues its own frames (a probe) here.
     */
    final void enqueue(Frame frame) {
        boolean overflow;
        synchronized (this) {
            if (closed.get() || finishing != null || isStale(frame)) {
                return;
            }
            overflow = queue.size() >= maxPending;
            if (!overflow) {
                queue.add(frame);
            }
        }
        if (overflow) {
            close(CloseCause.TOO_SLOW);
        } else {
            sendQueued();
        }
    }

    /**
     * Tells the client why it must go (token expired, table session closed), then closes once that message is
     * sent. Nothing else is queued after it.
     */
    final void finish(Farewell farewell) {
        synchronized (this) {
            if (closed.get() || finishing != null) {
                return;
            }
            finishing = farewell;
            queue.add(farewell(farewell));
        }
        sendQueued();
    }

    /** Called by a transport that found its queue empty: closes the connection if its farewell went out. */
    final void drained() {
        Farewell farewell;
        synchronized (this) {
            farewell = queue.isEmpty() ? finishing : null;
        }
        if (farewell != null) {
            close(CloseCause.FAREWELL);
        }
    }

    /** Why the connection was told to go, if it was. */
    final synchronized Farewell farewell() {
        return finishing;
    }

    private boolean isStale(Frame frame) {
        if (frame.version() == LiveEvent.UNVERSIONED) {
            return false;
        }
        if (frame.version() < lastVersion || frame.state() && frame.version() == lastStateVersion) {
            return true;
        }
        lastVersion = frame.version();
        if (frame.state()) {
            lastStateVersion = frame.version();
        }
        return false;
    }

    /** The next frame to send, or null when the queue is empty or the connection closed. */
    final synchronized Frame next() {
        return closed.get() ? null : queue.poll();
    }

    final synchronized boolean hasPending() {
        return !queue.isEmpty();
    }

    final boolean isClosedNow() {
        return closed.get();
    }

    /** Ends the connection once, whoever notices first (client gone, send failed, too slow, expired). */
    final void close(CloseCause cause) {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                queue.clear();
            }
            onClose.run();
            closeTransport(cause);
        }
    }

    /** Starts sending what is queued, if not already under way. Must not block. */
    abstract void sendQueued();

    /** Closes the underlying connection; must not block the caller. */
    abstract void closeTransport(CloseCause cause);

    /** Makes the transport's wire form of an event. */
    abstract Frame frame(LiveEvent event);

    /** Makes the transport's wire form of a farewell. */
    abstract Frame farewell(Farewell farewell);

    /**
     * The heartbeat's follow-up, which finds a client that went away without a word: an SSE stream is written to
     * again (a closed or reset client's socket fails on the second write after it went), a WebSocket that has not
     * answered the heartbeat's ping within the pong timeout is closed.
     */
    abstract void probe();

    /**
     * Queues an event made for this connection or its channel. A reply about an older version than the client already
     * has still goes out, as the sender waits for it, but carrying the newest state sent instead of its own older
     * one, which would take the client's cart back in time.
     */
    final void offer(LiveEvent event) {
        LiveEvent sent = event;
        synchronized (this) {
            if (!event.isState() && newest != null && event.isVersioned() && event.version() < newest.version()) {
                sent = event.carrying(newest);
            } else if (event.isVersioned() && (newest == null || event.version() >= newest.version())) {
                newest = event;
            }
        }
        enqueue(frame(sent));
    }

    /** Ends the connection if it is past its maximum age (SSE streams have one). */
    void expireIfDue(java.time.Instant now) {
        // no maximum age
    }

    enum CloseCause {
        /** The client went away or a send failed. */
        GONE,
        /** The queue overflowed. */
        TOO_SLOW,
        /** The connection reached its maximum age (SSE). */
        EXPIRED,
        /** The server is shutting down. */
        SHUTDOWN,
        /** The endpoint ended it, with a reason of its own. */
        REQUESTED,
        /** The client was told why it must go ({@link Farewell}). */
        FAREWELL,
        /** The client did not answer a ping in time: it vanished, or it cannot keep up. */
        SILENT
    }
}
