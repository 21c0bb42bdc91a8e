package app.tablecart.cart.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.CartUpdate;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The service's group commit ({@link Lanes}): {@code tablecart.cart.writers} lanes, each taking up to
 * {@code tablecart.cart.max-batch} changes into one {@link CartBatches} transaction. The histogram
 * {@code tablecart_cart_batch} counts the changes of every committed transaction.
 */
@ApplicationScoped
public class CartWriter {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    CartBatches batches;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "tablecart.cart.writers")
    int writerCount;

    @Inject
    @ConfigProperty(name = "tablecart.cart.max-batch")
    int maxBatch;

    private Lanes lanes;

    @PostConstruct
    void start() {
        Histogram sizes = metrics.histogram(Metadata.builder()
                .withName("tablecart.cart.batch")
                .withDescription("Cart changes applied per write transaction")
                .build());
        lanes = new Lanes(writerCount, maxBatch, threads, batches::applyAll, sizes::update);
    }

    @PreDestroy
    void stop() {
        lanes.close();
    }

    /** Applies a change in its table's lane and waits for the committed outcome. */
    CartUpdate write(CartChange change, Caller caller) {
        return lanes.write(change, caller);
    }
}
