package app.tablecart.live;

import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.menu.entity.CuisineDTO;
import app.tablecart.order.entity.OrderEvent;
import app.tablecart.platform.Json;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.Farewell;
import app.tablecart.realtime.LiveChannels;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.table.control.TableAccess;
import app.tablecart.table.entity.TableMessage;
import app.tablecart.table.entity.TableSessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * What the features announce, to the live channels that must hear it. Changes are observed after their commit only,
 * so a rolled-back change is never seen; messages are not stored, so they go at once.
 */
@ApplicationScoped
public class LiveFeed {

    @Inject
    LiveChannels channels;

    /** A committed cart, to its table. */
    void cartChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CartUpdate update) {
        channels.publish(ChannelKey.table(update.tableId()), CartEvents.update(update));
    }

    /**
     * A committed order change, to its table and its store's board. A new order reaches the table before the emptied
     * cart does, so no client sees the cart vanish without the order that took it.
     */
    void orderChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderEvent event) {
        ChannelKey table = ChannelKey.table(event.order().tableId());
        channels.publish(table, OrderEvents.toTable(event));
        if (event.isNew()) {
            channels.publish(table, CartEvents.update(event.emptiedCart()));
        }
        channels.publish(ChannelKey.board(event.order().storeId()), OrderEvents.toBoard(event));
    }

    /** A dish sold out or back, to every table of the store and its board: {@code menu_update}. */
    void dishChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) CuisineDTO cuisine) {
        channels.publishToStore(
                cuisine.storeId(), LiveEvent.notice("menu_update", cuisine.availabilityNews(), Json.toJson(cuisine)));
    }

    /** A message, to its table and, for calls to the staff and the staff's answers, to the store's board. */
    void messageSent(@Observes TableMessage message) {
        LiveEvent event = MessageEvents.event(message);
        channels.publish(ChannelKey.table(message.tableId()), event);
        if (message.kind().toBoard()) {
            channels.publish(ChannelKey.board(message.storeId()), event);
        }
    }

    /** A table's party left (committed): its diners' open connections are told and closed; staff stay. */
    void sessionEnded(@Observes(during = TransactionPhase.AFTER_SUCCESS) TableSessionEnded ended) {
        channels.finish(
                ChannelKey.table(ended.tableId()),
                viewer -> !viewer.staff() && !TableAccess.seated(viewer.tableSession(), ended.session()),
                Farewell.SESSION_CLOSED);
    }
}
