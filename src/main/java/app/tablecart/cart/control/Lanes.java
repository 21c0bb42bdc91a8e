package app.tablecart.cart.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of cart changes. A change waits in its lane; the lane's writer thread takes every change waiting there
 * (at most {@code maxBatch}, at most one per table) and applies them in one transaction, so under load a transaction,
 * its locks' round trips and its commit are paid once per batch rather than once per change. When nothing else is
 * waiting, a change is a batch of one and goes at once: there is no timer.
 * <p>
 * A table always lands in the same lane, so its changes are applied in the order they arrived. The callers that wait
 * here are request threads, at most as many as the server has, so a lane's queue is bounded by them. If a batch's
 * transaction fails as a whole, its changes are applied again one by one, so one change cannot fail another.
 */
final class Lanes {

    private static final Logger LOG = Logger.getLogger(Lanes.class.getName());

    /** One transaction of changes, each of which records its own outcome. */
    interface Applier {
        void applyAll(List<CartWrite> batch) throws Exception;
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final Applier applier;
    private final IntConsumer committedBatch;

    /** @param committedBatch told the size of every batch that committed */
    Lanes(int count, int maxBatch, ThreadFactory threads, Applier applier, IntConsumer committedBatch) {
        this.applier = applier;
        this.committedBatch = committedBatch;
        for (int i = 0; i < Math.max(1, count); i++) {
            Lane lane = new Lane(Math.max(1, maxBatch));
            lanes.add(lane);
            threads.newThread(lane).start();
        }
    }

    /** Applies a change in the next transaction of its table's lane and waits for the outcome. */
    CartUpdate write(CartChange change, Caller caller) {
        CartWrite write = new CartWrite(change, caller);
        lanes.get((int) Math.floorMod(change.tableId(), (long) lanes.size())).submit(write);
        return write.await();
    }

    /** Lets every lane apply what is already waiting, then end; later changes are refused. */
    void close() {
        lanes.forEach(Lane::close);
    }

    static ApiException stopping() {
        return new ApiException(Problem.SERVICE_UNAVAILABLE, "the service is stopping; retry the change");
    }

    private void apply(List<CartWrite> batch) {
        try {
            applier.applyAll(batch);
        } catch (Exception | Error failed) { // a refused commit may come as a checked RollbackException
            if (batch.size() == 1) {
                batch.get(0).failed(failed);
                return;
            }
            // One change may have failed them all (or the database turned one away): each goes again on its own.
            LOG.log(
                    Level.WARNING,
                    "A transaction of " + batch.size() + " cart changes failed; applying them one by" + " one",
                    failed);
            batch.forEach(write -> apply(List.of(write)));
            return;
        }
        committedBatch.accept(batch.size());
        batch.forEach(CartWrite::committed);
    }

    /** One writer thread and the changes waiting for it. */
    private final class Lane implements Runnable {

        private final BlockingDeque<CartWrite> waiting = new LinkedBlockingDeque<>();
        private final CartWrite stop = new CartWrite(null, null);
        private final int maxBatch;
        private boolean closed; // guarded by this

        Lane(int maxBatch) {
            this.maxBatch = maxBatch;
        }

        synchronized void submit(CartWrite write) {
            if (closed) {
                write.failed(stopping());
                return;
            }
            waiting.add(write);
        }

        synchronized void close() {
            closed = true;
            waiting.add(stop);
        }

        @Override
        public void run() {
            try {
                for (CartWrite first = waiting.take(); first != stop; first = waiting.take()) {
                    apply(batchFrom(first));
                }
            } catch (InterruptedException interrupted) {
                // Stopped without close(): refuse what waits and whatever comes later, or its caller would wait on.
                Thread.currentThread().interrupt();
                synchronized (this) {
                    closed = true;
                }
                for (CartWrite left = waiting.poll(); left != null; left = waiting.poll()) {
                    left.failed(stopping());
                }
            }
        }

        /**
         * The longest run of waiting changes, from {@code first}, with no table twice: a table's second change waits
         * for the next transaction, where it sees the first one's lines (a dish removed and added again in one flush
         * would meet its old line's row).
         */
        private List<CartWrite> batchFrom(CartWrite first) {
            List<CartWrite> batch = new ArrayList<>();
            Set<Long> tables = new HashSet<>();
            batch.add(first);
            tables.add(first.tableId());
            while (batch.size() < maxBatch) {
                CartWrite next = waiting.poll();
                if (next == null) {
                    break;
                }
                if (next == stop || !tables.add(next.tableId())) {
                    waiting.addFirst(next);
                    break;
                }
                batch.add(next);
            }
            return batch;
        }
    }
}
