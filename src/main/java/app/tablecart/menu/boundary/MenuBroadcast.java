package app.tablecart.menu.boundary;

import app.tablecart.menu.entity.CuisineDTO;
import app.tablecart.platform.Json;
import app.tablecart.realtime.LiveChannels;
import app.tablecart.realtime.LiveEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Tells every table of the store, and its board, that a dish was sold out or is back: {@code menu_update}. */
@ApplicationScoped
public class MenuBroadcast {

    @Inject
    LiveChannels channels;

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) CuisineDTO cuisine) {
        channels.publishToStore(cuisine.storeId(), LiveEvent.notice("menu_update", cuisine.availabilityNews(),
                Json.toJson(cuisine)));
    }
}
