package app.tablecart.cart.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.control.CartChange;
import app.tablecart.cart.control.CartRequests;
import app.tablecart.cart.control.CartService;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.platform.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The seed's cart API: {@code /api/store/order/cart/…}, for the table's diners and its store's staff. Every change
 * answers with the committed cart; who made it comes from the token, never from the body.
 */
@RequestScoped
@Path("store/order/cart")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CartResource {

    @Inject
    CartService carts;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @GET
    @Path("{tableId}")
    public byte[] cart(@PathParam("tableId") String tableId) {
        Caller caller = callers.of(security);
        return respond(carts.current(Ids.parse(tableId, "table"), caller), caller);
    }

    @POST
    @Path("add")
    public byte[] add(JsonValue body) {
        JsonObject fields = CartRequests.body(body);
        return apply(CartRequests.add(CartRequests.tableId(fields), fields));
    }

    @PUT
    @Path("update")
    public byte[] update(JsonValue body) {
        JsonObject fields = CartRequests.body(body);
        return apply(CartRequests.update(CartRequests.tableId(fields), fields));
    }

    /**
     * The seed's form is query parameters; a JSON body {@code {tableId, cuisineId, requestId}} is taken as well (what
     * {@code axios.delete(url, {data})} sends). The query wins when both are given.
     */
    @DELETE
    @Path("remove")
    public byte[] remove(
            @QueryParam("tableId") String tableId,
            @QueryParam("cuisineId") String cuisineId,
            @QueryParam("requestId") String requestId,
            String body) {
        if (tableId == null && hasText(body)) {
            JsonObject fields = CartRequests.body(Json.readValue(body));
            return apply(CartRequests.remove(CartRequests.tableId(fields), fields));
        }
        long table = Ids.parse(tableId, "table");
        var fields = Json.object().add("cuisineId", Ids.parse(cuisineId, "cuisine"));
        if (requestId != null) {
            fields.add("requestId", requestId);
        }
        return apply(CartRequests.remove(table, fields.build()));
    }

    /** Query parameters, or a JSON body {@code {tableId, requestId}}, as for {@link #remove}. */
    @DELETE
    @Path("clear")
    public byte[] clear(@QueryParam("tableId") String tableId, @QueryParam("requestId") String requestId, String body) {
        if (tableId == null && hasText(body)) {
            JsonObject fields = CartRequests.body(Json.readValue(body));
            return apply(CartRequests.clear(CartRequests.tableId(fields), fields));
        }
        JsonObject fields = requestId == null
                ? null
                : Json.object().add("requestId", requestId).build();
        return apply(CartRequests.clear(Ids.parse(tableId, "table"), fields));
    }

    private static boolean hasText(String body) {
        return body != null && !body.isBlank();
    }

    private byte[] apply(CartChange change) {
        Caller caller = callers.of(security);
        return respond(carts.apply(change, caller), caller);
    }

    /** The envelope around the very JSON the table's live channels carry for this version. */
    private static byte[] respond(CartUpdate update, Caller caller) {
        return ApiResponse.ok(update.message(), update.json(caller.isStaff()));
    }
}
