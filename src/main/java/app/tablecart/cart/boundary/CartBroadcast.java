package app.tablecart.cart.boundary;

import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.LiveChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Hands every committed cart to its table's live channels; a rolled-back change is never seen. */
@ApplicationScoped
public class CartBroadcast {

    @Inject
    LiveChannels channels;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CartUpdate update) {
        channels.publish(ChannelKey.table(update.tableId()), CartEvents.update(update));
    }
}
