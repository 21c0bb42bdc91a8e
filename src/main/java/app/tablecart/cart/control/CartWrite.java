package app.tablecart.cart.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A change waiting for its transaction, and what came of it. The outcome is set inside the transaction but reaches
 * the caller only once that transaction has committed; if it rolls back, the change is tried again on its own.
 */
final class CartWrite {

    private final CartChange change;
    private final Caller caller;
    private final CompletableFuture<CartUpdate> done = new CompletableFuture<>();
    private CartUpdate applied; // written and read by the writer thread only
    private ApiException refused;

    CartWrite(CartChange change, Caller caller) {
        this.change = change;
        this.caller = caller;
    }

    CartChange change() {
        return change;
    }

    Caller caller() {
        return caller;
    }

    long tableId() {
        return change.tableId();
    }

    void applied(CartUpdate update) {
        applied = update;
        refused = null;
    }

    void refused(ApiException refusal) {
        applied = null;
        refused = refusal;
    }

    /** The transaction committed: the caller gets the committed cart, or the refusal of this change alone. */
    void committed() {
        if (refused != null) {
            done.completeExceptionally(refused);
        } else {
            done.complete(applied);
        }
    }

    /** Nothing of this change was committed. */
    void failed(Throwable failure) {
        done.completeExceptionally(failure);
    }

    /** Waits for the outcome, in the caller's thread; the failure is the one the writer saw, unwrapped. */
    CartUpdate await() {
        try {
            return done.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Lanes.stopping();
        }
    }
}
