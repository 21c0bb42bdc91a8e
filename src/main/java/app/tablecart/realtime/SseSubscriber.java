package app.tablecart.realtime;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SSE stream. It is what the table's {@link jakarta.ws.rs.sse.SseBroadcaster} sees as its sink: the broadcaster
 * hands it each event and it only queues it, so the broadcaster's delivery thread never waits on a socket. The
 * container's sink is written from the sender pool, where a write to a full socket may block (Jersey writes SSE
 * synchronously); one stalled client can hold at most one sender thread, and its queue overflow closes it.
 * <p>
 * Once closed, {@link #send} throws, which makes the broadcaster drop the subscription at its next broadcast (there
 * is no unregister in Jakarta's API); the heartbeat guarantees there is a next one.
 */
final class SseSubscriber extends Subscriber implements SseEventSink {

    private final SseEventSink sink;
    private final Sse sse;
    private final Executor senders;
    private final Instant expiresAt;
    private final Frame probe;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean sinkClosed = new AtomicBoolean();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final int maxPending;

    SseSubscriber(Viewer viewer, SseEventSink sink, Sse sse, Executor senders, Instant expiresAt, int maxPending) {
        super(viewer, maxPending);
        this.maxPending = maxPending;
        this.sink = sink;
        this.sse = sse;
        this.senders = senders;
        this.expiresAt = expiresAt;
        this.probe = new Frame(
                LiveEvent.UNVERSIONED,
                false,
                sse.newEventBuilder().comment("probe").build());
    }

    /** An SSE comment, which browsers ignore: a write that fails on a client gone. */
    @Override
    void probe() {
        enqueue(probe);
    }

    @Override
    Frame frame(LiveEvent event) {
        return new Frame(event.version(), event.isState(), event.sseEvent(sse, view()));
    }

    /** An event named after the reason ({@code token_expired}, {@code session_closed}): not {@code error}, which
     * would make the browser's EventSource reconnect at once with the same token. */
    @Override
    Frame farewell(Farewell farewell) {
        return frame(LiveEvent.notice(farewell.code, farewell.message, null));
    }

    /**
     * Called by the broadcaster for each event of the channel: the envelope of a {@link LiveEvent}, queued like any
     * event offered to any connection.
     */
    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
        if (isClosedNow()) {
            throw new IllegalStateException("stream closed");
        }
        offer(((LiveEvent.Broadcast) event).event());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isClosed() {
        return isClosedNow();
    }

    /** Called by the broadcaster when it drops this subscription. */
    @Override
    public void close() {
        close(CloseCause.GONE);
    }

    @Override
    void expireIfDue(Instant now) {
        if (!now.isBefore(expiresAt)) {
            close(CloseCause.EXPIRED);
        }
    }

    @Override
    void sendQueued() {
        if (sending.compareAndSet(false, true)) {
            senders.execute(this::drain);
        }
    }

    @Override
    void closeTransport(CloseCause cause) {
        sendQueued(); // the drain closes the container's sink, after any write still under way
    }

    private void drain() {
        try {
            Frame frame;
            while ((frame = next()) != null) {
                write((OutboundSseEvent) frame.payload());
            }
            drained();
            if (isClosedNow() && sinkClosed.compareAndSet(false, true)) {
                sink.close();
            }
        } catch (RuntimeException failed) {
            close(CloseCause.GONE);
        } finally {
            sending.set(false);
        }
        if (hasPending() || isClosedNow() && !sinkClosed.get()) {
            sendQueued();
        }
    }

    /**
     * Writes one event. Jersey writes at once (a write to a full socket blocks the sender thread) and reports a write
     * that failed on a client gone by closing the sink, its stage completing normally: a stream is found gone right
     * after the write that failed. RESTEasy (WildFly) returns at once and keeps the bytes until the socket takes them:
     * more sends unfinished than the queue may hold mean a client too slow, as a full queue does.
     */
    private void write(OutboundSseEvent event) {
        if (!sink.isClosed()) {
            unfinished.incrementAndGet();
            sink.send(event).whenComplete((ignored, failure) -> {
                unfinished.decrementAndGet();
                if (failure != null) {
                    close(CloseCause.GONE);
                }
            });
        }
        if (sink.isClosed()) {
            close(CloseCause.GONE);
        } else if (unfinished.get() > maxPending) {
            close(CloseCause.TOO_SLOW);
        }
    }
}
