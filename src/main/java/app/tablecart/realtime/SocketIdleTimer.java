package app.tablecart.realtime;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Where a WebSocket session's idle timer runs. Tyrus restarts it on every message sent or received by scheduling a
 * task on the server's managed scheduled executor, and that executor captures the thread's context for each task
 * with a ServiceLoader scan of every jar of the server: in benchmark b, two thirds of the cost of receiving a
 * message. The timeout itself stays Tyrus's default, none (the heartbeat finds dead connections), so each of those
 * tasks only checks that and returns; sessions opened here run them on a plain scheduler instead. A session that
 * is not Tyrus's is left as it is.
 * <p>
 * The timeout must stay off: the task a session scheduled before it was handed over cannot be stopped once it runs,
 * and it closes the session if it finds a timeout set by then (the benchmark saw 2 of 5,000 sockets closed so).
 */
final class SocketIdleTimer {

    private static final Logger LOG = Logger.getLogger(SocketIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";

    private final ScheduledThreadPoolExecutor scheduler;
    private volatile Field service; // TyrusSession's, once found
    private volatile boolean unsupported;

    SocketIdleTimer(ThreadFactory threads) {
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true); // a restarted timer leaves nothing behind
    }

    /** Moves the session's idle timer here; called as the session opens, before any message. */
    void adopt(Session session) {
        if (unsupported || !session.getClass().getName().equals(TYRUS_SESSION)) {
            return;
        }
        try {
            Field field = service;
            if (field == null) {
                field = session.getClass().getDeclaredField("service");
                field.setAccessible(true);
                service = field;
            }
            field.set(session, scheduler);
        } catch (ReflectiveOperationException | RuntimeException changed) {
            unsupported = true;
            LOG.warning("This Tyrus keeps its WebSocket idle timer elsewhere; every message will schedule on the "
                    + "server's managed executor: " + changed);
        }
    }

    void stop() {
        scheduler.shutdownNow();
    }
}
