package app.tablecart.it.support;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A WebSocket client on {@link java.net.http.WebSocket}: every text message from the server is parsed as JSON into
 * an {@link EventLog}; the close code and reason are recorded. The JDK client answers pings by itself.
 * A token travels like a browser's ({@code ?access_token=}) or as {@code Authorization: Bearer} on the handshake.
 * {@link #paced(int)} keeps a client under the server's per-connection message rate limit.
 */
public final class WsClient implements AutoCloseable {

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** How the server closed the socket. */
    public record Closed(int code, String reason) {}

    private final String name;
    private final EventLog<JsonObject> messages;
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final Deque<Long> recentSends = new ArrayDeque<>();
    private volatile WebSocket socket;
    private int maxPerSecond;

    private WsClient(URI uri) {
        this.name = Redact.text(uri.getPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        this.messages = new EventLog<>("WS " + name);
    }

    /** Opens the socket without a token (waits for the handshake). */
    public static WsClient open(URI uri) {
        return open(uri, null, Token.Via.QUERY, Map.of());
    }

    /**
     * Opens the socket with the token (if not null) sent the given way, plus extra handshake headers. A refused
     * handshake fails with its HTTP status in the message ({@link #handshakeStatus}).
     */
    public static WsClient open(URI uri, Token token, Token.Via via, Map<String, String> extraHeaders) {
        String what = "WebSocket handshake with " + Redact.uri(uri);
        try {
            return join(openAsync(uri, token, via, extraHeaders), OPEN_TIMEOUT.plusSeconds(1), what);
        } catch (AssertionError failed) {
            int status = handshakeStatus(failed);
            if (status > 0) {
                throw new AssertionError(what + " refused with HTTP " + status + " (no upgrade)", failed);
            }
            throw failed;
        }
    }

    /** The HTTP status of a refused handshake somewhere in the causes, or -1. */
    public static int handshakeStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof WebSocketHandshakeException refused && refused.getResponse() != null) {
                return refused.getResponse().statusCode();
            }
        }
        return -1;
    }

    /** Starts the handshake without waiting: for opening many sockets at once. */
    public static CompletableFuture<WsClient> openAsync(URI uri) {
        return openAsync(uri, null, Token.Via.QUERY, Map.of());
    }

    /** Starts the handshake without waiting, with the token (if not null) sent the given way. */
    public static CompletableFuture<WsClient> openAsync(
            URI uri, Token token, Token.Via via, Map<String, String> extraHeaders) {
        URI target = token != null && via == Token.Via.QUERY ? SseClient.withAccessToken(uri, token) : uri;
        WsClient client = new WsClient(target);
        WebSocket.Builder builder = Api.HTTP.newWebSocketBuilder().connectTimeout(OPEN_TIMEOUT);
        if (token != null && via == Token.Via.HEADER) {
            builder.header("Authorization", token.bearer());
        }
        extraHeaders.forEach(builder::header);
        return builder.buildAsync(target, client.new Receiver()).thenApply(ws -> {
            client.socket = ws;
            return client;
        });
    }

    /**
     * From now on {@link #send} sends at most {@code perSecond} messages in any second (waiting when needed), to stay
     * under the server's per-connection rate limit (tablecart.ws.rate-limit); 0 = unpaced.
     */
    public WsClient paced(int perSecond) {
        synchronized (this) {
            this.maxPerSecond = perSecond;
        }
        return this;
    }

    public EventLog<JsonObject> messages() {
        return messages;
    }

    /** Sends one text message and waits until it is handed to the connection. */
    public synchronized WsClient send(String text) {
        pace();
        join(socket.sendText(text, true), SEND_TIMEOUT, "sending on " + name);
        return this;
    }

    /** Sends one binary message (the protocol is text: the server refuses it) and waits until it is handed over. */
    public synchronized WsClient sendBinary(byte[] data) {
        pace();
        join(socket.sendBinary(java.nio.ByteBuffer.wrap(data), true), SEND_TIMEOUT, "sending binary on " + name);
        return this;
    }

    /**
     * Sends one text message; false when the connection no longer takes messages (closed by the server) instead of
     * failing.
     */
    public synchronized boolean trySend(String text) {
        if (closed.isDone() || socket.isOutputClosed()) {
            return false;
        }
        try {
            socket.sendText(text, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending on " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Waits until fewer than maxPerSecond messages went out in the last second: outlives the rate-limit window. */
    private void pace() {
        if (maxPerSecond <= 0) {
            return;
        }
        long now = System.nanoTime();
        while (!recentSends.isEmpty() && now - recentSends.peekFirst() >= 1_000_000_000L) {
            recentSends.pollFirst();
        }
        if (recentSends.size() >= maxPerSecond) {
            long waitNanos = 1_000_000_000L - (now - recentSends.peekFirst()) + 1_000_000L;
            try {
                Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while pacing " + name, e);
            }
            recentSends.pollFirst();
        }
        recentSends.addLast(System.nanoTime());
    }

    public WsClient send(JsonObject message) {
        return send(message.toString());
    }

    /** {@code {"type": type, "data": data}}, or without data when it is null. */
    public WsClient send(String type, JsonObject data) {
        return send(data == null ? Jsons.object("type", type) : Jsons.object("type", type, "data", data));
    }

    /** The next message of this type after the cursor. */
    public JsonObject next(String type, Duration timeout) {
        return messages.await("message '" + type + "'", m -> type.equals(m.getString("type", null)), timeout);
    }

    /**
     * The next message after the cursor, skipping what the server sends unasked: its keep-alive messages
     * ({@code {"type":"heartbeat","message":"ping"}}) and {@code presence} (who is at the table).
     */
    public JsonObject next(Duration timeout) {
        return messages.await(
                "a message other than a server heartbeat or presence",
                m -> !isServerHeartbeat(m) && !"presence".equals(m.getString("type", null)),
                timeout);
    }

    /** The next message after the cursor, {@code presence} included (server heartbeats skipped). */
    public JsonObject nextIncludingPresence(Duration timeout) {
        return messages.await("a message other than a server heartbeat", m -> !isServerHeartbeat(m), timeout);
    }

    public static boolean isServerHeartbeat(JsonObject message) {
        return "heartbeat".equals(message.getString("type", null)) && "ping".equals(message.getString("message", null));
    }

    /** The next message of this type whose data (a CartDTO) matches. */
    public JsonObject nextCart(String type, String what, Predicate<JsonObject> match, Duration timeout) {
        return messages.await(
                type + " " + what,
                m -> type.equals(m.getString("type", null))
                        && m.get("data") instanceof JsonObject cart
                        && match.test(cart),
                timeout);
    }

    /** Consumes the {@code connected} and initial {@code cart_update} messages. */
    public WsClient joined(Duration timeout) {
        next("connected", timeout);
        next("cart_update", timeout);
        return this;
    }

    /** Waits until a message of this type carrying this cart version has arrived (wherever the cursor is). */
    public JsonObject awaitCart(String type, long version, Duration timeout) {
        messages.awaitAll(
                type + " of version " + version, all -> all.stream().anyMatch(m -> isCart(m, type, version)), timeout);
        return messages.last(m -> isCart(m, type, version)).orElseThrow();
    }

    /** The cart versions of all messages of this type, in arrival order. */
    public List<Long> versions(String type) {
        return messages.all().stream()
                .filter(m -> type.equals(m.getString("type", null)))
                .map(m -> Jsons.longValue(m.getJsonObject("data"), "version"))
                .toList();
    }

    /** The types of all messages received, in arrival order. */
    public List<String> types() {
        return messages.all().stream().map(m -> m.getString("type", "?")).toList();
    }

    private static boolean isCart(JsonObject message, String type, long version) {
        return type.equals(message.getString("type", null))
                && message.get("data") instanceof JsonObject cart
                && cart.get("version") instanceof JsonNumber n
                && n.longValue() == version;
    }

    /** Waits for the server's close; fails if it does not come in time. */
    public Closed awaitClose(Duration timeout) {
        return join(closed, timeout, "the server closing " + name);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Drops the TCP connection without a close handshake. */
    public void abort() {
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
        messages.end("aborted by the client");
    }

    /** Closes politely (1000); falls back to abort if the close does not go out. */
    @Override
    public void close() {
        WebSocket current = socket;
        if (current == null) {
            return;
        }
        if (!current.isOutputClosed()) {
            try {
                current.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                current.abort();
            }
        }
        current.abort();
        messages.end("closed by the client");
    }

    private static <T> T join(CompletableFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": no result within " + timeout, e);
        }
    }

    private final class Receiver implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                String whole = partial.toString();
                partial.setLength(0);
                JsonObject message;
                try {
                    message = Jsons.parseObject(whole);
                } catch (RuntimeException notJson) {
                    message = Jsons.object("type", "<not JSON>", "message", whole, "data", JsonValue.NULL);
                }
                messages.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            messages.end("closed by the server: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            messages.end("error: " + error);
        }
    }
}
