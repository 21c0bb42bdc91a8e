package app.tablecart.order.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.order.control.OrderService;
import app.tablecart.order.entity.OrderDTO;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/store/order/submit {tableId, idempotencyKey}}: the table's cart goes to the kitchen. 201 with the
 * new order; 200 with the same order when the key was used for this table before (a retry never orders twice).
 */
@RequestScoped
@Path("store/order/submit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderSubmitResource {

    @Inject
    OrderService orders;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @POST
    public Response submit(JsonValue body) {
        JsonObject fields = JsonFields.object(body);
        long tableId = Ids.parse(fields.get("tableId"), "table");
        var submission = orders.submit(tableId, JsonFields.text(fields, "idempotencyKey"), callers.of(security));
        Response.Status status = submission.created() ? Response.Status.CREATED : Response.Status.OK;
        String message = submission.created() ? "order submitted" : "already submitted with this idempotencyKey";
        return Response.status(status)
                .entity(new ApiResponse<OrderDTO>(status.getStatusCode(), message, submission.order()))
                .build();
    }
}
