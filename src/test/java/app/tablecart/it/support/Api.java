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
 * envelope {@code {code, message, data}}. An instance may carry a token ({@code Authorization: Bearer}, see
 * {@link #as(Token)}) and extra headers ({@link #with}). Descriptions of requests and answers never show a token.
 */
public final class Api {

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Server server;
    private final Token token;
    private final Map<String, String> headers;

    Api(Server server) {
        this(server, null, Map.of());
    }

    private Api(Server server, Token token, Map<String, String> headers) {
        this.server = server;
        this.token = token;
        this.headers = headers;
    }

    /** The same client, sending {@code Authorization: Bearer <token>} (null: no token). */
    public Api as(Token newToken) {
        return new Api(server, newToken, headers);
    }

    /** The same client with one more request header (e.g. {@code Origin}). */
    public Api with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(server, token, Map.copyOf(more));
    }

    public Token token() {
        return token;
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

    // ---- orders, availability and table messages (issue 4) -------------------------------------------------------

    /** POST /api/store/order/submit {tableId, idempotencyKey}; a null key is left out of the body. */
    public Response submit(Object tableId, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tableId", tableId);
        if (idempotencyKey != null) {
            body.put("idempotencyKey", idempotencyKey);
        }
        return post("api/store/order/submit", json(body));
    }

    /** GET /api/store/{storeId}/orders with the query parameters that are not null. */
    public Response orders(Object storeId, String status, Integer page, Integer size) {
        StringBuilder query = new StringBuilder();
        if (status != null) {
            query.append("&status=").append(encode(status));
        }
        if (page != null) {
            query.append("&page=").append(page);
        }
        if (size != null) {
            query.append("&size=").append(size);
        }
        return get("api/store/" + storeId + "/orders" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    }

    /** PUT /api/store/{storeId}/orders/{orderNo}/status {status, reason}; a null reason is left out. */
    public Response setStatus(Object storeId, String orderNo, String status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (status != null) {
            body.put("status", status);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return put("api/store/" + storeId + "/orders/" + encode(orderNo) + "/status", json(body));
    }

    /** PUT /api/store/{storeId}/cuisines/{cuisineId} {available} (any JSON value: booleans, and bad ones). */
    public Response setAvailable(Object storeId, Object cuisineId, Object available) {
        return put(
                "api/store/" + storeId + "/cuisines/" + cuisineId,
                Jsons.object("available", available).toString());
    }

    /** POST /api/store/order/message {tableId, type, text}; a null text is left out of the body. */
    public Response message(Object tableId, String type, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tableId", tableId);
        body.put("type", type);
        if (text != null) {
            body.put("text", text);
        }
        return post("api/store/order/message", json(body));
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
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", token.bearer());
        }
        headers.forEach(request::header);
        String description = method + " " + Redact.uri(uri) + (token == null ? "" : " as " + token)
                + (body == null ? "" : " " + abbreviate(body));
        try {
            HttpResponse<String> response =
                    HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

    /** At most 300 characters, tokens redacted (before cutting, so that no part of one slips through). */
    static String abbreviate(String text) {
        String safe = Redact.text(text);
        return safe.length() <= 300 ? safe : safe.substring(0, 300) + "...(" + safe.length() + " chars)";
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
