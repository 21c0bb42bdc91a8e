package app.tablecart.it.support;

import java.net.URI;
import java.time.Duration;

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

    public Api api() {
        return new Api(this);
    }

    public Metrics metrics() {
        return new Metrics(this);
    }

    public SseClient sse(Object tableId) {
        return SseClient.open(app("api/store/order/sse/" + tableId));
    }

    public WsClient ws(Object tableId) {
        return WsClient.open(websocket("ws/cart/" + tableId));
    }

    public WsClient ws(Object tableId, String nickname) {
        return WsClient.open(websocket("ws/cart/" + tableId + "?nickname=" + nickname));
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
