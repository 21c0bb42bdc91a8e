package app.tablecart.it.support;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;

/** What the service answers, on REST and on a socket: the checks every integration test makes the same way. */
public final class Answers {

    private Answers() {}

    /** A socket message's {@code type}, or {@code ?}. */
    public static String type(JsonObject message) {
        return message.getString("type", "?");
    }

    /** A socket message's {@code data} object, or an empty one. */
    public static JsonObject data(JsonObject message) {
        return message.get("data") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A successful answer with this status (200 or 201), its envelope code the same, data an object. */
    public static void assertAnswer(Api.Response response, int status, String what) {
        assertAll(
                what + ": " + response,
                () -> assertEquals(status, response.status(), "HTTP status"),
                () -> assertEquals(status, response.code(), "envelope code"),
                () -> assertTrue(response.data() instanceof JsonObject, "data is an object"));
    }

    /** A refused REST call (or SSE request): status, envelope code, a message, data null. */
    public static void assertRefused(Api.Response response, int status, String what) {
        assertAll(
                what + ": " + response,
                () -> assertEquals(status, response.status(), "HTTP status"),
                () -> assertEquals(status, response.code(), "envelope code"),
                () -> assertTrue(
                        response.message() != null && !response.message().isBlank(), "a message"),
                () -> assertTrue(Jsons.isNull(response.envelope(), "data"), "data is null"));
    }

    /** {type:"error", message, data:{code, status}}; a null code is not checked. */
    public static void assertWsError(JsonObject message, String code, int status, String what) {
        JsonObject data = data(message);
        assertAll(
                what + ": " + message,
                () -> assertEquals("error", type(message), "type"),
                () -> assertTrue(code == null || code.equals(data.getString("code", null)), "data.code " + code),
                () -> assertEquals(status, data.getInt("status", -1), "data.status"),
                () -> assertFalse(message.getString("message", "").isBlank(), "a message"));
    }

    /** A heartbeat is answered with pong: the socket is open and still served. */
    public static void assertSocketAnswers(WsClient ws, String after, Duration wait) {
        ws.send("heartbeat", null);
        ws.messages().await("pong after " + after, m -> "pong".equals(m.getString("message", null)), wait);
        assertFalse(ws.isClosed(), "the socket is still open after " + after);
    }
}
