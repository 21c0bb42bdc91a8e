package app.tablecart.order.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.order.control.OrderService;
import app.tablecart.order.entity.OrderDTO;
import app.tablecart.order.entity.OrderStatus;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A store's orders, for its staff: the list ({@code ?status=&page=&size=}) and moving an order on. */
@RequestScoped
@Path("store/{storeId}/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

    private static final int DEFAULT_PAGE_SIZE = 20;

    @Inject
    OrderService orders;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @GET
    public ApiResponse<OrderService.Page> list(
            @PathParam("storeId") String storeId,
            @QueryParam("status") List<String> status,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return ApiResponse.ok(
                "ok",
                orders.list(
                        Ids.parse(storeId, "store"),
                        statuses(status),
                        number(page, "page", 0),
                        number(size, "size", DEFAULT_PAGE_SIZE),
                        callers.of(security)));
    }

    /** Body {@code {status, reason}}; the reason is required for REJECTED. */
    @PUT
    @Path("{orderNo}/status")
    public ApiResponse<OrderDTO> changeStatus(
            @PathParam("storeId") String storeId, @PathParam("orderNo") String orderNo, JsonValue body) {
        JsonObject fields = JsonFields.object(body);
        OrderDTO order = orders.changeStatus(
                Ids.parse(storeId, "store"),
                orderNo,
                OrderStatus.named(JsonFields.text(fields, "status")),
                JsonFields.text(fields, "reason"),
                callers.of(security));
        return ApiResponse.ok("order " + order.orderNo() + " is " + order.status(), order);
    }

    /** {@code ?status=A&status=B} or {@code ?status=A,B}; none means every status. */
    private static Set<OrderStatus> statuses(List<String> values) {
        Set<OrderStatus> wanted = EnumSet.noneOf(OrderStatus.class);
        for (String value : values) {
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    wanted.add(OrderStatus.named(name));
                }
            }
        }
        return wanted;
    }

    private static int number(String raw, String name, int absent) {
        if (raw == null || raw.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException notANumber) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
