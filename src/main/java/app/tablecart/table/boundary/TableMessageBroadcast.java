package app.tablecart.table.boundary;

import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.LiveChannels;
import app.tablecart.realtime.LiveEvent;
import app.tablecart.table.entity.TableMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Delivers a message to its table and, for calls to the staff and the staff's answers, to the store's board. */
@ApplicationScoped
public class TableMessageBroadcast {

    @Inject
    LiveChannels channels;

    void sent(@Observes TableMessage message) {
        LiveEvent event = TableMessageEvents.event(message);
        channels.publish(ChannelKey.table(message.tableId()), event);
        if (message.kind().toBoard()) {
            channels.publish(ChannelKey.board(message.storeId()), event);
        }
    }
}
