package app.tablecart.realtime;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Json;
import app.tablecart.platform.Text;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A client's WebSocket message, {@code {"type": "...", "data": {...}}}, read the same way by every endpoint.
 *
 * @param data null when the message has none
 */
public record SocketMessage(String type, JsonObject data) {

    /** Reads a message; anything else is a 400 for the client, who keeps the socket. */
    public static SocketMessage parse(String text) {
        JsonObject message = Json.readObject(text);
        if (message == null) {
            throw ApiException.badRequest("the message is not a JSON object");
        }
        if (!(message.get("type") instanceof JsonString type)) {
            throw ApiException.badRequest("the message has no type");
        }
        JsonValue data = message.get("data");
        if (data == null || data.getValueType() == JsonValue.ValueType.NULL) {
            return new SocketMessage(type.getString(), null);
        }
        if (data instanceof JsonObject object) {
            return new SocketMessage(type.getString(), object);
        }
        throw ApiException.badRequest("data must be a JSON object");
    }

    /** The refusal of a type the endpoint does not know, naming those it does ({@code heartbeat} always). */
    public ApiException unknownType(List<String> known) {
        return ApiException.badRequest("unknown message type " + Text.quote(type) + "; expected one of "
                + String.join(", ", known) + ", heartbeat");
    }

    /** The data, which this type of message must have. */
    public JsonObject requiredData() {
        if (data == null) {
            throw ApiException.badRequest("the request has no data");
        }
        return data;
    }
}
