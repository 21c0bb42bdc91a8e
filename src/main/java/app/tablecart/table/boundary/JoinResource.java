package app.tablecart.table.boundary;

import static app.tablecart.platform.JsonFields.object;
import static app.tablecart.platform.JsonFields.text;

import app.tablecart.auth.control.SignIn;
import app.tablecart.platform.ApiResponse;
import app.tablecart.table.control.Joining;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /api/auth/diner {tableCode, nickname, phone?}}: a diner joins a table by its code. */
@RequestScoped
@Path("auth/diner")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JoinResource {

    @Inject
    Joining joining;

    @Context
    HttpServletRequest request;

    @POST
    public ApiResponse<SignIn.Session> join(JsonValue body) {
        JsonObject fields = object(body);
        var session = joining.join(
                text(fields, "tableCode"), text(fields, "nickname"), text(fields, "phone"), request.getRemoteAddr());
        return ApiResponse.ok("joined table " + session.tableNumber(), session);
    }
}
