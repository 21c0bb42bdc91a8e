package app.tablecart.cart.boundary;

import app.tablecart.auth.Diner;
import app.tablecart.cart.control.CartChange;
import app.tablecart.cart.control.CartService;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The seed's cart API: {@code /api/store/order/cart/…}. Every change answers with the committed cart. */
@RequestScoped
@Path("store/order/cart")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CartResource {

    static final String NICKNAME_HEADER = "X-Diner-Nickname";

    @Inject
    CartService carts;

    @GET
    @Path("{tableId}")
    public ApiResponse<CartDTO> cart(@PathParam("tableId") String tableId) {
        return respond(carts.current(Ids.parse(tableId, "table")));
    }

    @POST
    @Path("add")
    public ApiResponse<CartDTO> add(JsonValue body, @HeaderParam(NICKNAME_HEADER) String nickname) {
        JsonObject fields = CartRequests.body(body);
        return apply(CartRequests.add(CartRequests.tableId(fields), fields), nickname);
    }

    @PUT
    @Path("update")
    public ApiResponse<CartDTO> update(JsonValue body, @HeaderParam(NICKNAME_HEADER) String nickname) {
        JsonObject fields = CartRequests.body(body);
        return apply(CartRequests.update(CartRequests.tableId(fields), fields), nickname);
    }

    @DELETE
    @Path("remove")
    public ApiResponse<CartDTO> remove(@QueryParam("tableId") String tableId,
            @QueryParam("cuisineId") String cuisineId, @QueryParam("requestId") String requestId,
            @HeaderParam(NICKNAME_HEADER) String nickname) {
        long table = Ids.parse(tableId, "table");
        var fields = Json.createObjectBuilder().add("cuisineId", Ids.parse(cuisineId, "cuisine"));
        if (requestId != null) {
            fields.add("requestId", requestId);
        }
        return apply(CartRequests.remove(table, fields.build()), nickname);
    }

    @DELETE
    @Path("clear")
    public ApiResponse<CartDTO> clear(@QueryParam("tableId") String tableId,
            @QueryParam("requestId") String requestId, @HeaderParam(NICKNAME_HEADER) String nickname) {
        JsonObject fields = requestId == null ? null : Json.createObjectBuilder().add("requestId", requestId).build();
        return apply(CartRequests.clear(Ids.parse(tableId, "table"), fields), nickname);
    }

    private ApiResponse<CartDTO> apply(CartChange change, String nickname) {
        return respond(carts.apply(change, Diner.guest(nickname)));
    }

    private static ApiResponse<CartDTO> respond(CartUpdate update) {
        return ApiResponse.ok(update.message(), update.cart());
    }
}
