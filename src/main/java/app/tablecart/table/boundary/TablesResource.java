package app.tablecart.table.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.table.control.TableAccess;
import app.tablecart.table.control.Tables;
import app.tablecart.table.entity.TableDTO;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Staff's view of their store's tables: codes to print as QR codes, rotating a code, closing a table. */
@RequestScoped
@Path("store/{storeId}/tables")
@Produces(MediaType.APPLICATION_JSON)
public class TablesResource {

    @Inject
    Tables tables;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @Inject
    TableAccess access;

    @GET
    public ApiResponse<List<TableDTO>> list(@PathParam("storeId") String storeId) {
        long store = staffStore(storeId);
        return ApiResponse.ok("ok", tables.of(store));
    }

    @POST
    @Path("{tableId}/code")
    public ApiResponse<TableDTO> rotateCode(
            @PathParam("storeId") String storeId, @PathParam("tableId") String tableId) {
        long store = staffStore(storeId);
        return ApiResponse.ok(
                "new code; the table's diners must join again", tables.rotateCode(store, Ids.parse(tableId, "table")));
    }

    @POST
    @Path("{tableId}/close")
    public ApiResponse<TableDTO> close(@PathParam("storeId") String storeId, @PathParam("tableId") String tableId) {
        Caller caller = callers.of(security);
        long store = Ids.parse(storeId, "store");
        access.requireStaff(caller, store);
        return ApiResponse.ok("table closed", tables.close(store, Ids.parse(tableId, "table"), caller));
    }

    private long staffStore(String storeId) {
        long store = Ids.parse(storeId, "store");
        access.requireStaff(callers.of(security), store);
        return store;
    }
}
