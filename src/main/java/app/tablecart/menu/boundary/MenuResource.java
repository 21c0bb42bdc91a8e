package app.tablecart.menu.boundary;

import app.tablecart.menu.control.Menu;
import app.tablecart.menu.entity.CuisineDTO;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@RequestScoped
@Path("store/{storeId}/cuisines")
@Produces(MediaType.APPLICATION_JSON)
public class MenuResource {

    @Inject
    Menu menu;

    @GET
    public ApiResponse<List<CuisineDTO>> cuisines(@PathParam("storeId") String storeId) {
        return ApiResponse.ok("ok", menu.of(Ids.parse(storeId, "store")).stream().map(CuisineDTO::of).toList());
    }
}
