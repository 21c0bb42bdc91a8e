package app.tablecart.live;

import app.tablecart.auth.control.Bearer;
import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.control.CartService;
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
 * {@code GET /api/store/order/sse/{tableId}}: {@code connected}, the current cart, then every change of the table.
 * The token comes as a bearer header or, for the browser's EventSource, as {@code ?access_token=}; a refused caller
 * or an unknown table gets its status before the stream starts. The request thread returns at once; the stream
 * holds no thread while idle.
 */
@RequestScoped
@Path("store/order/sse")
public class TableStream {

    @Inject
    CartService carts;

    @Inject
    LiveChannels channels;

    @Inject
    Callers callers;

    @GET
    @Path("{tableId}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(
            @PathParam("tableId") String tableId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String header,
            @QueryParam(Bearer.QUERY_PARAMETER) String accessToken,
            @Context SseEventSink sink,
            @Context Sse sse,
            @Context HttpServletResponse response) {
        Caller caller = callers.of(Bearer.token(header, accessToken));
        long table = Ids.parse(tableId, "table");
        channels.openStream(
                ChannelKey.table(table),
                Viewers.of(caller),
                sink,
                sse,
                response,
                () -> List.of(CartEvents.update(carts.current(table, caller))));
    }
}
