package app.tablecart.it.support;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Loopback addresses of the server under test, and the clients that speak to it. */
public record Server(URI base, URI root) {

    /** A URI relative to the application's context root, e.g. {@code api/store/1/cuisines}. */
    public URI app(String relative) {
        return base.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
    }

    /** A URI relative to the server root, e.g. {@code health/ready}. */
    public URI atRoot(String relative) {
        return root.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
    }

    /** The same address as {@link #app} with the ws scheme. */
    public URI websocket(String relative) {
        URI http = app(relative);
        return URI.create("ws" + http.toString().substring("http".length()));
    }

    /** A client without a token. */
    public Api api() {
        return new Api(this);
    }

    /** A client sending {@code Authorization: Bearer <token>}. */
    public Api api(Token token) {
        return api().as(token);
    }

    public Tokens tokens() {
        return Tokens.on(this);
    }

    public Metrics metrics() {
        return new Metrics(this);
    }

    /** The table's event stream without a token. */
    public SseClient sse(Object tableId) {
        return sse(tableId, null, Token.Via.HEADER);
    }

    /** The table's event stream with the token as {@code Authorization: Bearer} (the JDK client can set headers). */
    public SseClient sse(Object tableId, Token token) {
        return sse(tableId, token, Token.Via.HEADER);
    }

    public SseClient sse(Object tableId, Token token, Token.Via via) {
        return sse(tableId, token, via, Map.of());
    }

    public SseClient sse(Object tableId, Token token, Token.Via via, Map<String, String> headers) {
        return SseClient.open(app("api/store/order/sse/" + tableId), token, via, headers);
    }

    /** The table's WebSocket without a token. */
    public WsClient ws(Object tableId) {
        return ws(tableId, null, Token.Via.QUERY);
    }

    /** The table's WebSocket with the token as {@code ?access_token=} (as a browser sends it). */
    public WsClient ws(Object tableId, Token token) {
        return ws(tableId, token, Token.Via.QUERY);
    }

    public WsClient ws(Object tableId, Token token, Token.Via via) {
        return ws(tableId, token, via, Map.of());
    }

    public WsClient ws(Object tableId, Token token, Token.Via via, Map<String, String> headers) {
        return WsClient.open(websocket("ws/cart/" + tableId), token, via, headers);
    }

    /** Starts the handshake without waiting (for many sockets at once). */
    public CompletableFuture<WsClient> wsAsync(Object tableId, Token token, Token.Via via) {
        return WsClient.openAsync(websocket("ws/cart/" + tableId), token, via, Map.of());
    }

    /** The store's live order board as an event stream (GET api/store/{storeId}/orders/stream). */
    public SseClient boardSse(Object storeId, Token token, Token.Via via) {
        return SseClient.open(app("api/store/" + storeId + "/orders/stream"), token, via, Map.of());
    }

    /** The store's live order board over a WebSocket (ws/store/{storeId}). */
    public WsClient boardWs(Object storeId, Token token, Token.Via via) {
        return WsClient.open(websocket("ws/store/" + storeId), token, via, Map.of());
    }

    /**
     * Waits until readiness answers UP: right after "ready in" the first requests can still fail (stack facts Q6,
     * P11), and every IT class starts its own server.
     */
    public Server awaitReady(Duration timeout) {
        Api api = api();
        Await.until("GET /health/ready answers 200 UP", timeout, () -> {
            Api.Response ready = api.send("GET", atRoot("health/ready"), null, null);
            return ready.status() == 200;
        });
        return this;
    }
}
