package app.tablecart.order.boundary;

import app.tablecart.cart.boundary.CartEvents;
import app.tablecart.order.entity.OrderEvent;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.LiveChannels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Hands every committed order change to its table and its store's board. A new order reaches the table before the
 * emptied cart does, so no client sees the cart vanish without the order that took it.
 */
@ApplicationScoped
public class OrderBroadcast {

    @Inject
    LiveChannels channels;

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderEvent event) {
        ChannelKey table = ChannelKey.table(event.order().tableId());
        channels.publish(table, OrderEvents.toTable(event));
        if (event.isNew()) {
            channels.publish(table, CartEvents.update(event.emptiedCart()));
        }
        channels.publish(ChannelKey.board(event.order().storeId()), OrderEvents.toBoard(event));
    }
}
