package app.tablecart.menu.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.menu.control.Menu;
import app.tablecart.menu.entity.CuisineDTO;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import app.tablecart.table.control.TableAccess;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** A store's menu, for its diners and staff; staff mark dishes sold out. */
@RequestScoped
@Path("store/{storeId}/cuisines")
@Produces(MediaType.APPLICATION_JSON)
public class MenuResource {

    @Inject
    Menu menu;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @Inject
    TableAccess access;

    @GET
    public ApiResponse<List<CuisineDTO>> cuisines(@PathParam("storeId") String storeId) {
        long store = Ids.parse(storeId, "store");
        access.requireStore(callers.of(security), store);
        return ApiResponse.ok("ok", menu.of(store).stream().map(CuisineDTO::of).toList());
    }

    /** Staff mark a dish sold out or available again: {@code {"available": false}}. */
    @PUT
    @Path("{cuisineId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public ApiResponse<CuisineDTO> setAvailable(
            @PathParam("storeId") String storeId, @PathParam("cuisineId") String cuisineId, JsonValue body) {
        boolean available = JsonFields.flag(JsonFields.object(body), "available");
        CuisineDTO cuisine = menu.setAvailable(
                Ids.parse(storeId, "store"), Ids.parse(cuisineId, "cuisine"), available, callers.of(security));
        return ApiResponse.ok(cuisine.availabilityNews(), cuisine);
    }
}
