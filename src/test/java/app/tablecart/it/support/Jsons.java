package app.tablecart.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;

/** Small JSON helpers on jakarta.json (Parsson). */
public final class Jsons {

    private Jsons() {}

    public static JsonValue parse(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static JsonObject parseObject(String text) {
        return parse(text).asJsonObject();
    }

    /** {@code object("tableId", 1, "quantity", 2)}; values: Number, String, Boolean, JsonValue or null. */
    public static JsonObject object(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object value = keysAndValues[i + 1];
            if (value == null) {
                builder.addNull(key);
            } else if (value instanceof JsonValue json) {
                builder.add(key, json);
            } else if (value instanceof String s) {
                builder.add(key, s);
            } else if (value instanceof Boolean b) {
                builder.add(key, b);
            } else if (value instanceof Integer n) {
                builder.add(key, n);
            } else if (value instanceof Long n) {
                builder.add(key, n);
            } else if (value instanceof BigDecimal n) {
                builder.add(key, n);
            } else if (value instanceof Double n) {
                builder.add(key, n);
            } else {
                throw new IllegalArgumentException("unsupported JSON value " + value.getClass());
            }
        }
        return builder.build();
    }

    public static boolean isNull(JsonObject object, String key) {
        return object.containsKey(key) && object.get(key).getValueType() == JsonValue.ValueType.NULL;
    }

    public static BigDecimal decimal(JsonObject object, String key) {
        return object.getJsonNumber(key).bigDecimalValue();
    }

    public static long longValue(JsonObject object, String key) {
        JsonNumber n = object.getJsonNumber(key);
        if (n == null) {
            throw new AssertionError("no number '" + key + "' in " + object);
        }
        return n.longValueExact();
    }

    public static JsonArray array(JsonValue value) {
        return value.asJsonArray();
    }

    /** A string of {@code length} characters, for limits. */
    public static String text(int length, char c) {
        return String.valueOf(c).repeat(length);
    }
}
