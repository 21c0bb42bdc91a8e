package app.tablecart.platform;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.IntUnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one JSON-B configuration, used by JAX-RS responses and by the live channels alike, so a CartDTO is the same
 * JSON on REST, SSE and WebSocket. Nulls are written, so every payload has the same fields whatever is unset. Every
 * {@link BigDecimal} is an amount of money and goes out with two decimals ({@code 38.00}, never {@code 38}), whatever
 * scale the value reached the serialiser with.
 * <p>
 * JSON-P goes through one provider looked up once: every {@code jakarta.json.Json.create…} call repeats a
 * ServiceLoader scan, which the benchmark measured on the hot path.
 * <p>
 * JSON nested deeper than {@code tablecart.json.max-depth} is refused before any parser sees it ({@link #depthOf}): the
 * parser's own limit (1,000) fails with a bare runtime error whose stack fills the log.
 */
@Provider
public class Json implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB =
            JsonbBuilder.create(new JsonbConfig().withNullValues(true).withSerializers(new Money()));
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

    /** A JSON object from text; null when the text is not one. Nesting beyond the limit is a 400. */
    public static JsonObject readObject(String text) {
        requireShallow(text.length(), text::charAt);
        try (var reader = JSON_P.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException notAnObject) {
            return null;
        }
    }

    /** Any JSON value from text; 400 when the text is not JSON. */
    public static JsonValue readValue(String text) {
        requireShallow(text.length(), text::charAt);
        try (var reader = JSON_P.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException notJson) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
    }

    /** Refuses (400) JSON, given as its characters or its UTF-8 bytes, that nests deeper than the limit. */
    public static void requireShallow(int length, IntUnaryOperator charAt) {
        int max = MaxDepth.VALUE;
        if (depthOf(length, charAt, max) > max) {
            throw ApiException.badRequest("the JSON nests deeper than " + max + " levels");
        }
    }

    /**
     * How deep arrays and objects nest, counting brackets outside strings only; the scan stops once past
     * {@code stopAbove}. It reads bytes of UTF-8 as well as characters: brackets, quotes and backslashes are ASCII.
     */
    static int depthOf(int length, IntUnaryOperator charAt, int stopAbove) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < length && deepest <= stopAbove; i++) {
            int c = charAt.applyAsInt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** Amounts with two decimals: {@code 38} becomes {@code 38.00}. */
    static final class Money implements JsonbSerializer<BigDecimal> {

        @Override
        public void serialize(BigDecimal amount, JsonGenerator generator, SerializationContext context) {
            generator.write(amount.setScale(2, RoundingMode.HALF_EVEN));
        }
    }

    /** Read once, on first use: the limit is configuration, the class is used outside CDI (sockets, listeners). */
    private static final class MaxDepth {
        static final int VALUE = ConfigProvider.getConfig()
                .getOptionalValue("tablecart.json.max-depth", Integer.class)
                .orElse(32);
    }
}
