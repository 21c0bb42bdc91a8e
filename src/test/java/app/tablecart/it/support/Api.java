package app.tablecart.it.support;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A REST client of the cart API on {@link HttpClient}: every call answers status, headers, body and the parsed JSON
 * envelope {@code {code, message, data}}. An instance may carry the {@code X-Diner-Nickname} header.
 */
public final class Api {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Server server;
    private final String nickname;

    Api(Server server) {
        this(server, null);
    }

    private Api(Server server, String nickname) {
        this.server = server;
        this.nickname = nickname;
    }

    /** The same client, sending {@code X-Diner-Nickname: <nickname>}. */
    public Api as(String nickname) {
        return new Api(server, nickname);
    }

    // ---- the cart API --------------------------------------------------------------------------------------------

    public Response menu(Object storeId) {
        return get("api/store/" + storeId + "/cuisines");
    }

    /** The menu's cuisines (asserts 200). */
    public JsonArray cuisines(Object storeId) {
        return menu(storeId).ok().data().asJsonArray();
    }

    public Response getCart(Object tableId) {
        return get("api/store/order/cart/" + tableId);
    }

    /** The table's current CartDTO (asserts 200). */
    public JsonObject cart(Object tableId) {
        return getCart(tableId).ok().cart();
    }

    public Response add(Object tableId, Object cuisineId, Object quantity) {
        return add(tableId, cuisineId, quantity, null, null);
    }

    public Response add(Object tableId, Object cuisineId, Object quantity, String remark, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tableId", tableId);
        body.put("cuisineId", cuisineId);
        body.put("quantity", quantity);
        if (remark != null) {
            body.put("remark", remark);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return post("api/store/order/cart/add", json(body));
    }

    public Response update(Object tableId, Object cuisineId, Object quantity) {
        return update(tableId, cuisineId, quantity, null);
    }

    public Response update(Object tableId, Object cuisineId, Object quantity, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tableId", tableId);
        body.put("cuisineId", cuisineId);
        body.put("quantity", quantity);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return put("api/store/order/cart/update", json(body));
    }

    public Response remove(Object tableId, Object cuisineId) {
        return remove(tableId, cuisineId, null);
    }

    public Response remove(Object tableId, Object cuisineId, String requestId) {
        return delete("api/store/order/cart/remove?tableId=" + encode(tableId) + "&cuisineId=" + encode(cuisineId)
                + (requestId == null ? "" : "&requestId=" + encode(requestId)));
    }

    public Response clear(Object tableId) {
        return delete("api/store/order/cart/clear?tableId=" + encode(tableId));
    }

    // ---- plain HTTP ----------------------------------------------------------------------------------------------

    public Response get(String path) {
        return send("GET", server.app(path), null, null);
    }

    public Response post(String path, String jsonBody) {
        return send("POST", server.app(path), jsonBody, "application/json");
    }

    public Response put(String path, String jsonBody) {
        return send("PUT", server.app(path), jsonBody, "application/json");
    }

    public Response delete(String path) {
        return send("DELETE", server.app(path), null, null);
    }

    public Response send(String method, URI uri, String body, String contentType) {
        return send(method, uri, body, contentType, "application/json");
    }

    public Response send(String method, URI uri, String body, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (nickname != null) {
            request.header("X-Diner-Nickname", nickname);
        }
        String description = method + " " + uri + (body == null ? "" : " " + abbreviate(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(description, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(description + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(description + " interrupted", e);
        }
    }

    private static String json(Map<String, Object> body) {
        Object[] pairs = new Object[body.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return Jsons.object(pairs).toString();
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + " chars)";
    }

    /** One answer: status, headers, body and (when the body is JSON) the envelope. */
    public record Response(String request, int status, HttpHeaders headers, String body) {

        /** The envelope; fails when the body is not a JSON object. */
        public JsonObject envelope() {
            try {
                return Jsons.parseObject(body);
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object: " + this, e);
            }
        }

        public int code() {
            return envelope().getInt("code");
        }

        public String message() {
            JsonValue message = envelope().get("message");
            return message instanceof jakarta.json.JsonString s ? s.getString() : null;
        }

        public JsonValue data() {
            return envelope().get("data");
        }

        public JsonObject cart() {
            return data().asJsonObject();
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts a 200 envelope with code 200. */
        public Response ok() {
            if (status != 200 || code() != 200) {
                throw new AssertionError("expected 200 but got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + abbreviate(body == null ? "" : body);
        }
    }
}
