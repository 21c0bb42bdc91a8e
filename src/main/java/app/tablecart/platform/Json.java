package app.tablecart.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON-B configuration, used by JAX-RS responses and by the live channels alike, so a CartDTO is the same
 * JSON on REST, SSE and WebSocket. Nulls are written, so every payload has the same fields whatever is unset.
 */
@Provider
public class Json implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }
}
