package app.tablecart.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One diner's live connection, SSE or WebSocket, speaking the public protocol: {@code ?access_token=} on the stream
 * or socket URL, {@code connected} then {@code cart_update} with the current cart, then one {@code cart_update} per
 * change. It counts as established when the first cart_update arrives. Versions arrive in order; a version more
 * than one above the last seen is a gap (a lost update), an older or equal one is stale.
 */
abstract class Conn {

    enum Kind {
        SSE,
        WS
    }

    final TableRun table;
    final int diner;
    final String token;
    final Kind kind;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    volatile boolean established;
    volatile boolean closed;
    volatile String closeReason;
    volatile long initialVersion = -1;
    volatile long lastVersion = -1;
    volatile long gaps;
    volatile long stale;
    volatile long deliveries;

    Conn(TableRun table, int diner, String token, Kind kind) {
        this.table = table;
        this.diner = diner;
        this.token = token;
        this.kind = kind;
    }

    abstract void open(HttpClient client, String base);

    abstract void abort();

    /** Called on the connection's own delivery thread, one event at a time. */
    final void onCartUpdate(long version, long arrivalNanos) {
        if (!established) {
            initialVersion = version;
            lastVersion = version;
            established = true;
            ready.complete(null);
            return;
        }
        long last = lastVersion;
        if (version <= last) {
            stale++;
            return;
        }
        if (version > last + 1) {
            gaps += version - last - 1;
        }
        lastVersion = version;
        deliveries++;
        table.delivered(version, arrivalNanos);
    }

    final void fail(String reason) {
        if (!ready.isDone()) {
            closeReason = reason;
            ready.completeExceptionally(new IllegalStateException(reason));
            abort();
        }
    }

    final void ended(String reason) {
        if (!closed) {
            closed = true;
            if (closeReason == null) {
                closeReason = reason;
            }
        }
        fail(reason);
    }

    // ---- SSE -----------------------------------------------------------------------------------------------------

    static final class Sse extends Conn implements Flow.Subscriber<String> {

        private volatile Flow.Subscription subscription;
        private volatile boolean aborted;
        private String event;
        private String id;
        private String data;

        Sse(TableRun table, int diner, String token) {
            super(table, diner, token, Kind.SSE);
        }

        @Override
        void open(HttpClient client, String base) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(base + "/api/store/order/sse/" + table.id + "?access_token=" + token))
                    .header("Accept", "text/event-stream")
                    .build();
            client.sendAsync(request, info -> {
                        if (info.statusCode() != 200) {
                            return HttpResponse.BodySubscribers.mapping(
                                    HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
                                        fail("SSE HTTP " + info.statusCode() + " " + body);
                                        return null;
                                    });
                        }
                        return HttpResponse.BodySubscribers.fromLineSubscriber(this);
                    })
                    .whenComplete((response, failure) ->
                            ended(failure != null ? "SSE failed: " + failure : "SSE stream ended"));
        }

        @Override
        void abort() {
            aborted = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (aborted) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                event = line.substring(6).trim();
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? d : data + "\n" + d;
            }
        }

        private void dispatch() {
            long now = System.nanoTime();
            String e = event;
            String i = id;
            String d = data;
            event = null;
            id = null;
            data = null;
            if ("cart_update".equals(e)) {
                long v = i != null ? Long.parseLong(i) : Json.versionOf(d);
                onCartUpdate(v, now);
            } else if ("token_expired".equals(e) || "session_closed".equals(e)) {
                closeReason = e;
            }
        }

        @Override
        public void onError(Throwable t) {
            ended("SSE error: " + t);
        }

        @Override
        public void onComplete() {
            ended("SSE stream completed");
        }
    }

    // ---- WebSocket -----------------------------------------------------------------------------------------------

    static final class Ws extends Conn implements WebSocket.Listener {

        private volatile WebSocket socket;
        private volatile boolean aborted;
        private final StringBuilder partial = new StringBuilder();

        Ws(TableRun table, int diner, String token) {
            super(table, diner, token, Kind.WS);
        }

        @Override
        void open(HttpClient client, String base) {
            String ws = base.replaceFirst("^http", "ws");
            client.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(60))
                    .buildAsync(URI.create(ws + "/ws/cart/" + table.id + "?access_token=" + token), this)
                    .whenComplete((s, failure) -> {
                        if (failure != null) {
                            ended("WS handshake failed: " + failure);
                        } else if (aborted) {
                            s.abort();
                        }
                    });
        }

        /** Sends a change; the writer sends one at a time per table, and only it sends on this socket. */
        CompletableFuture<WebSocket> send(String text) {
            WebSocket s = socket;
            if (s == null || closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket not open"));
            }
            return s.sendText(text, true);
        }

        boolean usable() {
            return established && !closed && socket != null;
        }

        @Override
        void abort() {
            aborted = true;
            WebSocket s = socket;
            if (s != null) {
                s.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                return null;
            }
            long now = System.nanoTime();
            String text;
            if (partial.length() > 0) {
                text = partial.append(data).toString();
                partial.setLength(0);
            } else {
                text = data.toString();
            }
            String type = typeOf(text);
            if ("cart_update".equals(type)) {
                onCartUpdate(Json.versionOf(text), now);
            } else if (type.endsWith("_success")) {
                table.wsReply(this, text, true, now);
            } else if ("error".equals(type)) {
                if (!established) {
                    fail("WS error before the cart: " + text);
                } else {
                    table.wsReply(this, text, false, now);
                }
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended("WS closed " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended("WS error: " + error);
        }

        /** The server writes {@code {"type":"<type>",…}} first. */
        private static String typeOf(String text) {
            if (!text.startsWith("{\"type\":\"")) {
                Object t = Json.object(text).get("type");
                return t == null ? "" : t.toString();
            }
            int end = text.indexOf('"', 9);
            return end < 0 ? "" : text.substring(9, end);
        }
    }
}
