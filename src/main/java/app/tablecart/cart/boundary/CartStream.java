package app.tablecart.cart.boundary;

import app.tablecart.cart.control.CartService;
import app.tablecart.platform.Ids;
import app.tablecart.realtime.TableChannels;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * {@code GET /api/store/order/sse/{tableId}}: {@code connected}, the current cart, then every change of the table.
 * An unknown table is refused with 404 before the stream starts. The request thread returns at once; the stream
 * holds no thread while idle.
 */
@RequestScoped
@Path("store/order/sse")
public class CartStream {

    @Inject
    CartService carts;

    @Inject
    TableChannels channels;

    @GET
    @Path("{tableId}")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("tableId") String tableId, @Context SseEventSink sink, @Context Sse sse,
            @Context HttpServletResponse response) {
        long table = Ids.parse(tableId, "table");
        var current = carts.current(table);
        // Proxies (nginx) must pass events on at once, and nobody may cache a live stream.
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        channels.openStream(table, sink, sse, CartEvents.greeting(current),
                id -> CartEvents.update(carts.current(id)));
    }
}
