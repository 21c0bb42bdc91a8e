package app.tablecart.table.boundary;

import app.tablecart.auth.control.Callers;
import app.tablecart.platform.ApiResponse;
import app.tablecart.platform.Ids;
import app.tablecart.platform.JsonFields;
import app.tablecart.table.control.TableMessages;
import app.tablecart.table.entity.TableMessage;
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
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code POST /api/store/order/message {tableId, type, text}}: a message at the table for clients that listen over
 * SSE (a WebSocket client sends the same types as socket messages).
 */
@RequestScoped
@Path("store/order/message")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TableMessageResource {

    @Inject
    TableMessages messages;

    @Context
    SecurityContext security;

    @Inject
    Callers callers;

    @POST
    public ApiResponse<TableMessage> send(JsonValue body) {
        JsonObject fields = JsonFields.object(body);
        return ApiResponse.ok(
                "sent",
                messages.send(
                        Ids.parse(fields.get("tableId"), "table"),
                        JsonFields.text(fields, "type"),
                        JsonFields.text(fields, "text"),
                        callers.of(security)));
    }
}
