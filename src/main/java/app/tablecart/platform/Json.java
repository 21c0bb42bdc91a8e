package app.tablecart.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;

/**
 * The one JSON-B configuration, used by JAX-RS responses and by the live channels alike, so a CartDTO is the same
 * JSON on REST, SSE and WebSocket. Nulls are written, so every payload has the same fields whatever is unset.
 * <p>
 * JSON-P goes through one provider looked up once: every {@code jakarta.json.Json.create…} call repeats a
 * ServiceLoader scan, which the benchmark measured on the hot path.
 */
@Provider
public class Json implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    private static final JsonProvider JSON_P = JsonProvider.provider();

    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    /** Text as a JSON string literal, quotes and escapes included. */
    public static String quote(String text) {
        return JSON_P.createValue(text).toString();
    }

    public static JsonObjectBuilder object() {
        return JSON_P.createObjectBuilder();
    }

    /** A JSON object from text; null when the text is not one. */
    public static JsonObject readObject(String text) {
        try (var reader = JSON_P.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException notAnObject) {
            return null;
        }
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
