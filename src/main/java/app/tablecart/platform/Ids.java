package app.tablecart.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Reads the id of a table, store or cuisine from a path, a query or a JSON body. Ids are positive whole numbers; a
 * numeric string is accepted too, since browser code often takes them from a route. Anything else names a thing
 * that does not exist, so it is a 404 like an unknown id.
 */
public final class Ids {

    private Ids() {}

    public static long parse(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(what + "Id is required");
        }
        String trimmed = raw.trim();
        try {
            long id = Long.parseLong(trimmed);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to 404
        }
        throw ApiException.notFound(what + " " + Text.quote(trimmed) + " not found");
    }

    public static long parse(JsonValue value, String what) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw ApiException.badRequest(what + "Id is required");
        }
        return switch (value.getValueType()) {
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                if (!number.isIntegral()) {
                    throw ApiException.notFound(what + " " + number + " not found");
                }
                yield parse(number.bigIntegerValue().toString(), what);
            }
            case STRING -> parse(((JsonString) value).getString(), what);
            default -> throw ApiException.badRequest(what + "Id must be a number");
        };
    }
}
