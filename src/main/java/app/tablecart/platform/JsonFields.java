package app.tablecart.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Reading request bodies field by field, with a message that names the field that is wrong. */
public final class JsonFields {

    private JsonFields() {}

    /** A request body: it must be a JSON object. */
    public static JsonObject object(JsonValue body) {
        if (body == null || body.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest("the request body is required");
        }
        if (body instanceof JsonObject object) {
            return object;
        }
        throw ApiException.badRequest("the request body must be a JSON object");
    }

    /** A required true/false field: 400 when absent or anything else. */
    public static boolean flag(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw ApiException.badRequest(name + " must be true or false");
    }

    /** An optional text field: null when absent or null, 400 when not a string. */
    public static String text(JsonObject fields, String name) {
        JsonValue value = fields.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw ApiException.badRequest(name + " must be text");
    }
}
