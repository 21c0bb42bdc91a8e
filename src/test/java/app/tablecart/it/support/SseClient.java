package app.tablecart.it.support;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A live Server-Sent-Events client on {@link java.net.http.HttpClient}: reads the stream asynchronously (no thread
 * per connection) and parses it into {@link Event}s in an {@link EventLog}. {@link #close()} cancels the body, which
 * drops the connection. A token travels as {@code Authorization: Bearer} (what this client can do) or, like a
 * browser's EventSource, as {@code ?access_token=}.
 */
public final class SseClient implements AutoCloseable {

    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(15);

    /**
     * One event: name ({@code message} when the stream gives none), id (null when none) and data; {@code version} is
     * the CartDTO version of a cart_update (read once, on arrival), -1 for other events.
     */
    public record Event(String name, String id, String data, long version) {

        static Event of(String name, String id, String data) {
            long version = -1;
            if ("cart_update".equals(name)) {
                try {
                    version = Jsons.longValue(Jsons.parseObject(data), "version");
                } catch (RuntimeException | AssertionError notACart) {
                    version = -1;
                }
            }
            return new Event(name, id, data, version);
        }

        public JsonObject json() {
            return Jsons.parseObject(data);
        }

        public boolean isCartUpdate() {
            return "cart_update".equals(name);
        }

        @Override
        public String toString() {
            return "event:" + name + (id == null ? "" : " id:" + id) + " data:" + data;
        }
    }

    private final URI uri;
    private final EventLog<Event> events;
    private final StringBuilder body = new StringBuilder();
    private final CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
    private final CompletableFuture<Void> bodyDone = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    // parser state (called serially by the HTTP client)
    private String eventName;
    private String eventId;
    private StringBuilder data;

    private SseClient(URI uri) {
        this.uri = uri;
        this.events = new EventLog<>("SSE " + uri.getPath());
    }

    /** Connects without a token and waits for the response headers. */
    public static SseClient open(URI uri) {
        return open(uri, null, Token.Via.HEADER, Map.of());
    }

    /** Connects with the token (if not null) sent the given way, plus extra headers; waits for the headers. */
    public static SseClient open(URI uri, Token token, Token.Via via, Map<String, String> extraHeaders) {
        URI target = token != null && via == Token.Via.QUERY ? withAccessToken(uri, token) : uri;
        SseClient client = new SseClient(target);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .header("Accept", "text/event-stream")
                .GET();
        if (token != null && via == Token.Via.HEADER) {
            builder.header("Authorization", token.bearer());
        }
        extraHeaders.forEach(builder::header);
        HttpRequest request = builder.build();
        Api.HTTP
                .sendAsync(request, info -> {
                    client.head.complete(info);
                    return HttpResponse.BodySubscribers.fromLineSubscriber(client.new Lines());
                })
                .whenComplete((response, error) -> {
                    if (error != null) {
                        client.head.completeExceptionally(error);
                        client.finish("request failed: " + error);
                    }
                });
        client.awaitHead();
        return client;
    }

    /** The URI with {@code access_token=<jwt>} appended to its query. */
    public static URI withAccessToken(URI uri, Token token) {
        String separator = uri.getRawQuery() == null ? "?" : "&";
        return URI.create(uri + separator + "access_token=" + URLEncoder.encode(token.jwt(), StandardCharsets.UTF_8));
    }

    public int status() {
        return awaitHead().statusCode();
    }

    /** A refused stream's answer as a REST response (status, headers, JSON envelope); waits for the body's end. */
    public Api.Response response() {
        return new Api.Response("SSE " + Redact.uri(uri), status(), headers(), body());
    }

    public HttpHeaders headers() {
        return awaitHead().headers();
    }

    public String header(String name) {
        return headers().firstValue(name).orElse(null);
    }

    public EventLog<Event> events() {
        return events;
    }

    /** The whole body of a response that is not a stream (e.g. a 404 envelope); waits for its end. */
    public String body() {
        try {
            bodyDone.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("SSE " + Redact.uri(uri) + ": the body did not end within " + HEADERS_TIMEOUT, e);
        }
        synchronized (body) {
            return body.toString();
        }
    }

    /** The next event named {@code name} after the cursor. */
    public Event next(String name, Duration timeout) {
        return events.await("event '" + name + "'", e -> e.name().equals(name), timeout);
    }

    /** The next event after the cursor, whatever it is. */
    public Event next(Duration timeout) {
        return events.await("any event", e -> true, timeout);
    }

    /** The next cart_update whose CartDTO matches. */
    public Event nextCartUpdate(String what, Predicate<JsonObject> match, Duration timeout) {
        return events.await("cart_update " + what, e -> e.isCartUpdate() && match.test(e.json()), timeout);
    }

    /** Waits until a cart_update of this version has arrived (wherever the cursor is) and returns it. */
    public Event awaitVersion(long version, Duration timeout) {
        events.awaitAll(
                "cart_update of version " + version,
                all -> all.stream().anyMatch(e -> e.version() == version),
                timeout);
        return events.last(e -> e.version() == version).orElseThrow();
    }

    /** The versions of all cart_update events received, in arrival order. */
    public List<Long> cartVersions() {
        return events.all().stream()
                .filter(Event::isCartUpdate)
                .map(Event::version)
                .toList();
    }

    /** Asserts a 200 stream and consumes its {@code connected} and initial {@code cart_update}. */
    public SseClient joined(Duration timeout) {
        if (status() != 200) {
            throw new AssertionError(
                    "SSE " + Redact.uri(uri) + " answered " + status() + ": " + Api.abbreviate(body()));
        }
        next("connected", timeout);
        next("cart_update", timeout);
        return this;
    }

    /** Drops the connection from the client side (cancels the body subscription). */
    @Override
    public void close() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        finish("closed by the client");
    }

    private HttpResponse.ResponseInfo awaitHead() {
        try {
            return head.get(HEADERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError(
                    "SSE " + Redact.uri(uri) + ": no response headers within " + HEADERS_TIMEOUT + ": " + e, e);
        }
    }

    private void finish(String reason) {
        events.end(reason);
        bodyDone.complete(null);
    }

    private void onLine(String line) {
        synchronized (body) {
            body.append(line).append('\n');
        }
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return; // comment
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> eventName = value;
            case "id" -> eventId = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                /* retry and unknown fields */
            }
        }
    }

    private void dispatch() {
        if (data != null || eventName != null) {
            events.add(
                    Event.of(eventName == null ? "message" : eventName, eventId, data == null ? "" : data.toString()));
        }
        eventName = null;
        eventId = null;
        data = null;
    }

    private final class Lines implements Flow.Subscriber<String> {

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            onLine(line);
        }

        @Override
        public void onError(Throwable error) {
            finish("stream failed: " + error);
        }

        @Override
        public void onComplete() {
            dispatch();
            finish("stream ended by the server");
        }
    }
}
