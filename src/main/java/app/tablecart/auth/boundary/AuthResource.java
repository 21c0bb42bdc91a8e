package app.tablecart.auth.boundary;

import static app.tablecart.platform.JsonFields.object;
import static app.tablecart.platform.JsonFields.text;

import app.tablecart.auth.control.SignIn;
import app.tablecart.platform.ApiResponse;
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

/** {@code POST /api/auth/staff {username, password}}: staff sign in (diners join a table: the table feature). */
@RequestScoped
@Path("auth/staff")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    SignIn signIn;

    @Context
    HttpServletRequest request;

    @POST
    public ApiResponse<SignIn.Session> staff(JsonValue body) {
        JsonObject fields = object(body);
        var session = signIn.staff(text(fields, "username"), text(fields, "password"), request.getRemoteAddr());
        return ApiResponse.ok("signed in", session);
    }
}
