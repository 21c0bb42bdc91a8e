package app.tablecart.table.boundary;

import app.tablecart.realtime.LiveChannels;
import app.tablecart.table.entity.TableSessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Once a table session has ended (committed), its diners' open connections are told and closed. */
@ApplicationScoped
public class TableSessionBroadcast {

    @Inject
    LiveChannels channels;

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) TableSessionEnded ended) {
        channels.endSession(ended.tableId(), ended.session());
    }
}
