package app.tablecart.live;

import app.tablecart.auth.control.Bearer;
import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.order.control.OrderService;
import app.tablecart.platform.Ids;
import app.tablecart.realtime.ChannelKey;
import app.tablecart.realtime.LiveChannels;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;

/**
 * {@code GET /api/store/{storeId}/orders/stream}: a store's live order board, for its staff only. {@code connected},
 * {@code order_board} (unprocessed count, open orders, occupied tables), then {@code new_order},
 * {@code order_status}, {@code presence}, {@code call_staff}, {@code staff_message} and {@code menu_update}.
 */
@RequestScoped
@Path("store/{storeId}/orders/stream")
public class BoardStream {

    @Inject
    OrderService orders;

    @Inject
    LiveChannels channels;

    @Inject
    Callers callers;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
            @PathParam("storeId") String storeId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String header,
            @QueryParam(Bearer.QUERY_PARAMETER) String accessToken,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context HttpServletResponse response) {
        Caller caller = callers.of(Bearer.token(header, accessToken));
        long store = Ids.parse(storeId, "store");
        channels.openStream(
                ChannelKey.board(store),
                Viewers.of(caller),
                sink,
                sse,
                response,
                () -> List.of(OrderEvents.board(orders.board(store, caller), channels.occupiedTables(store))));
    }
}
