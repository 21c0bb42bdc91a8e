package app.tablecart.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.RawClient;
import app.tablecart.it.support.ServerConsole;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a careless client or an attacker sends at the HTTP layer (issue 21): uploads that trickle in, bodies over the
 * limit, JSON nested too deep, a DELETE with a body, and what listens besides the HTTP port. Tables 1 and 2.
 */
class RequestLimitsIT extends ServerIT {

    private static final Logger LOG = Logger.getLogger(RequestLimitsIT.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int MAX_BODY = 65_536;
    private static final int TRICKLERS = 100;
    private static final int TABLE = 1;
    private static final int SOCKET_TABLE = 2;

    @BeforeEach
    void connect() {}

    @Test
    void tricklingUploadsAndHeadersHoldNoWorkerAndSlowBodiesEndIn408() throws Exception {
        Token alice = tokens.join(TABLE, "Alice", null);
        Api diner = server.api(alice);
        Menu menu = Menu.of(diner, 1);
        diner.clear(TABLE).ok();
        diner.add(TABLE, menu.id(0), 1).ok(); // warm: the first change of a run loads classes

        // 100 sign-ins that announce 60,000 bytes and send one a quarter second; 100 requests whose headers never end.
        List<RawClient> bodies = new ArrayList<>();
        List<RawClient> headers = new ArrayList<>();
        for (int i = 0; i < TRICKLERS; i++) {
            bodies.add(track(RawClient.connect(server, 0))
                    .send("POST " + path("api/auth/staff") + " HTTP/1.1\r\n"
                            + "Host: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"));
            headers.add(track(RawClient.connect(server, 0))
                    .send("GET " + path("api/store/1/cuisines") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        }
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleAtFixedRate(
                () -> {
                    bodies.forEach(raw -> raw.trySend(" "));
                    headers.forEach(raw -> raw.trySend("X-Slow: 1\r\n"));
                },
                250,
                250,
                TimeUnit.MILLISECONDS);
        try {
            Thread.sleep(500); // every trickling request has reached the server and is waiting for more
            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                long start = System.nanoTime();
                JsonObject cart =
                        diner.update(TABLE, menu.id(0), 1 + i % 3).ok().cart();
                millis.add((System.nanoTime() - start) / 1_000_000);
                assertEquals(1 + i % 3, Carts.quantity(cart, menu.id(0)));
            }
            Api.Response ready = server.api().send("GET", server.atRoot("health/ready"), null, null);
            List<Long> sorted = millis.stream().sorted().toList();
            LOG.info("cart changes beside " + TRICKLERS + " trickling uploads and " + TRICKLERS
                    + " trickling headers, ms: " + millis);
            assertAll(
                    "a diner's changes while 200 requests trickle in",
                    () -> assertEquals(200, ready.status(), "readiness answers: " + ready),
                    () -> assertTrue(sorted.get(17) <= 100, "18 of 20 changes answered within 100 ms: " + millis),
                    () -> assertTrue(sorted.get(19) <= 500, "every change answered within 500 ms: " + millis));

            // Each upload that did not arrive within the body timeout is answered 408, and its connection closed.
            Duration bodyTimeout = TestDatabase.BODY_TIMEOUT;
            for (RawClient raw : bodies) {
                String head = raw.readHead(bodyTimeout.plus(WAIT));
                assertTrue(head.startsWith("HTTP/1.1 408"), "a trickling upload: " + head);
                assertTrue(raw.drain(false, WAIT).closedByServer(), "the connection of a trickling upload ends");
            }
        } finally {
            trickle.shutdownNow();
        }
    }

    @Test
    void bodiesOverTheLimitAre413BeforeTheyAreReadAndOneAtTheLimitGoesThrough() {
        // Announced too large: refused at once, though not a byte of the body was sent.
        RawClient announced = track(RawClient.connect(server, 0))
                .send("POST " + path("api/auth/staff")
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + (MAX_BODY + 1) + "\r\n\r\n");
        String answer = announced.readUntil("}", WAIT);
        assertTrue(answer.startsWith("HTTP/1.1 413"), "an announced body of " + (MAX_BODY + 1) + " bytes: " + answer);
        assertTrue(
                answer.contains("{\"code\":413,\"message\":\"the request body is larger than 65536 bytes\""),
                "the envelope: " + answer);

        // Chunked: refused once the chunks pass the limit.
        RawClient chunked = track(RawClient.connect(server, 0))
                .send(
                        "POST " + path("api/auth/staff")
                                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = " ".repeat(8192);
        for (int sent = 0;
                sent <= MAX_BODY && chunked.trySend(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
                sent += chunk.length()) {
            // keeps sending until past the limit, or until the server has closed the connection
        }
        String chunkedHead = chunked.readHead(WAIT);
        assertTrue(chunkedHead.startsWith("HTTP/1.1 413"), "a chunked body past the limit: " + chunkedHead);

        // Exactly at the limit: read and answered like any sign-in.
        String signIn = Jsons.object("username", "sichuan", "password", "wrong").toString();
        String padded = signIn + " ".repeat(MAX_BODY - signIn.length());
        Api.Response atLimit = server.api().send("POST", server.app("api/auth/staff"), padded, "application/json");
        assertEquals(401, atLimit.status(), "a sign-in of exactly " + MAX_BODY + " bytes: " + atLimit);
    }

    @Test
    void jsonNestedTooDeepIsABadRequestOnRestAndOnTheSocketAndLeavesTheLogQuiet() {
        String before = ServerConsole.text();
        Api anonymous = server.api();
        Api.Response deep = anonymous.send(
                "POST", server.app("api/auth/staff"), "[".repeat(1001) + "]".repeat(1001), "application/json");
        assertEquals(400, deep.status(), deep.toString());
        assertEquals("the JSON nests deeper than 32 levels", deep.message());
        assertEquals(
                400,
                anonymous
                        .send("POST", server.app("api/auth/staff"), nested(33), "application/json")
                        .status(),
                "33 levels");

        Token bob = tokens.join(SOCKET_TABLE, "Bob", null);
        Api diner = server.api(bob);
        Menu menu = Menu.of(diner, 1);
        diner.clear(SOCKET_TABLE).ok();
        String add = Jsons.object("tableId", SOCKET_TABLE, "cuisineId", menu.id(1), "quantity", 1)
                .toString();
        String at32 = add.substring(0, add.length() - 1) + ",\"note\":" + nested(31) + "}";
        assertEquals(
                200,
                diner.send("POST", server.app("api/store/order/cart/add"), at32, "application/json")
                        .status(),
                "32 levels (an object holding 31) are read as usual");

        WsClient ws = track(server.ws(SOCKET_TABLE, bob)).joined(WAIT);
        ws.send("[".repeat(1001) + "]".repeat(1001));
        JsonObject error = ws.next("error", WAIT);
        assertEquals("bad_request", error.getJsonObject("data").getString("code"), error.toString());
        assertAnswersHeartbeats(ws);

        String logged = ServerConsole.text().substring(before.length());
        assertAll(
                "the server log after three deep bodies",
                () -> assertFalse(logged.contains("too deeply nested"), "no parser failure logged"),
                () -> assertFalse(logged.contains("Unexpected failure"), "no incident logged"));
    }

    @Test
    void aDeleteWithAJsonBodyIsReadLikeTheQueryForm() {
        Token carol = tokens.join(TABLE, "Carol", null);
        Api diner = server.api(carol);
        Menu menu = Menu.of(diner, 1);
        diner.clear(TABLE).ok();
        diner.add(TABLE, menu.id(2), 2).ok();
        diner.add(TABLE, menu.id(3), 1).ok();

        Api.Response removed = diner.send(
                "DELETE",
                server.app("api/store/order/cart/remove"),
                Jsons.object("tableId", TABLE, "cuisineId", menu.id(2), "requestId", "axios-1")
                        .toString(),
                "application/json");
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(List.of((long) menu.id(3)), Carts.cuisineIds(removed.cart()));

        Api.Response cleared = diner.send(
                "DELETE",
                server.app("api/store/order/cart/clear"),
                Jsons.object("tableId", TABLE).toString(),
                "application/json");
        assertEquals(200, cleared.status(), cleared.toString());
        assertTrue(Carts.items(cleared.cart()).isEmpty());

        Api.Response garbled =
                diner.send("DELETE", server.app("api/store/order/cart/clear"), "{tableId:", "application/json");
        assertEquals(400, garbled.status(), garbled.toString());
        assertEquals(400, garbled.code(), "the envelope: " + garbled);
    }

    @Test
    void theServerListensOnItsHttpPortAlone() {
        int port = server.root().getPort();
        long pid = listeningProcess(port);
        Set<Integer> ports = listeningPorts(pid);
        assertEquals(Set.of(port), ports, "ports Payara Micro (pid " + pid + ") listens on");
    }

    @Test
    void aRefusalForTooManyCarriesTheStandardReasonPhraseAndRetryAfter() throws InterruptedException {
        Token eve = tokens.join(SOCKET_TABLE, "Eve", null);
        for (int i = 0; i < TestDatabase.JOIN_FAILURES; i++) {
            assertEquals(
                    404, tokens.joinWith("no-such-code-" + i, "Mallory", null).status());
        }
        RawClient join = track(RawClient.connect(server, 0));
        String body =
                Jsons.object("tableCode", "no-such-code", "nickname", "Mallory").toString();
        String head = join.send("POST " + path("api/auth/diner") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .readHead(WAIT);
        long limitedSince = System.nanoTime();
        assertTrue(head.startsWith("HTTP/1.1 429 Too Many Requests\r\n"), "a join over the limit: " + head);
        assertTrue(head.contains("Retry-After: "), "it says when to come back: " + head);

        List<RawClient> streams = new ArrayList<>();
        for (int i = 0; i < TestDatabase.MAX_CONNECTIONS_PER_USER; i++) {
            streams.add(track(RawClient.connect(server, 0))
                    .requestEventStream(path("api/store/order/sse/" + SOCKET_TABLE), eve));
            streams.get(i).readUntil("cart_update", WAIT);
        }
        String refused = track(RawClient.connect(server, 0))
                .requestEventStream(path("api/store/order/sse/" + SOCKET_TABLE), eve)
                .readHead(WAIT);
        assertTrue(refused.startsWith("HTTP/1.1 429 Too Many Requests\r\n"), "a stream over the cap: " + refused);
        // The other tests of this class join tables: outlive the join limit of this address.
        Thread.sleep(Math.max(
                0,
                TestDatabase.JOIN_WINDOW.toMillis()
                        + 500
                        - Duration.ofNanos(System.nanoTime() - limitedSince).toMillis()));
    }

    @Test
    void binaryFramesAreRefusedLikeAnyBadMessageCountedByTheRateLimitAndLogNothing() {
        String before = ServerConsole.text();
        Token fay = tokens.join(SOCKET_TABLE, "Fay", null);
        WsClient ws = track(server.ws(SOCKET_TABLE, fay)).joined(WAIT);
        ws.messages().skipAll();
        int sent = TestDatabase.WS_RATE_LIMIT + 10;
        for (int i = 0; i < sent; i++) {
            ws.sendBinary(new byte[] {(byte) i});
        }
        ws.messages()
                .awaitAll(
                        sent + " errors",
                        all -> all.stream()
                                        .filter(m -> "error".equals(m.getString("type", null)))
                                        .count()
                                >= sent,
                        WAIT);
        List<String> codes = ws.messages().all().stream()
                .filter(m -> "error".equals(m.getString("type", null)))
                .map(m -> m.getJsonObject("data").getString("code"))
                .toList();
        assertAll(
                "the answers to " + sent + " binary frames: " + codes,
                () -> assertTrue(
                        codes.stream().allMatch(c -> c.equals("bad_request") || c.equals("rate_limited")),
                        "each is bad_request or rate_limited"),
                () -> assertTrue(codes.contains("bad_request"), "refused as bad input"),
                () -> assertTrue(codes.contains("rate_limited"), "counted by the rate limit"));
        sleep(Duration.ofMillis(1100)); // the rate limit's second passes
        assertAnswersHeartbeats(ws);
        String logged = ServerConsole.text().substring(before.length());
        assertFalse(logged.contains("Binary message handler"), "no line about the binary frames is logged");
        assertFalse(logged.contains("access_token"), "no query token in the log");
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** The socket is open and answers: its heartbeat gets a pong (the server's own heartbeats say ping). */
    private static void assertAnswersHeartbeats(WsClient ws) {
        ws.send("heartbeat", null);
        ws.messages()
                .await(
                        "a pong",
                        m -> "heartbeat".equals(m.getString("type", null))
                                && "pong".equals(m.getString("message", null)),
                        WAIT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code depth} arrays, one in the other. */
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private String path(String relative) {
        return server.app(relative).getRawPath();
    }

    /** The process that owns the socket listening on {@code port} (from /proc: this machine is Linux). */
    private static long listeningProcess(int port) {
        Set<String> inodes = listeningInodes(p -> p == port);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                if (!socketInodes(process).stream()
                        .filter(inodes::contains)
                        .toList()
                        .isEmpty()) {
                    return Long.parseLong(process.getFileName().toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no process listens on port " + port);
    }

    private static Set<Integer> listeningPorts(long pid) {
        Set<String> owned = socketInodes(Path.of("/proc", Long.toString(pid)));
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
            for (String[] row : rows(table)) {
                boolean listening = table.contains("udp") || row[3].equals("0A");
                if (listening && owned.contains(row[9])) {
                    ports.add(Integer.parseInt(row[1].substring(row[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    private static Set<String> listeningInodes(java.util.function.IntPredicate port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String[] row : rows(table)) {
                if (row[3].equals("0A") && port.test(Integer.parseInt(row[1].substring(row[1].indexOf(':') + 1), 16))) {
                    inodes.add(row[9]);
                }
            }
        }
        return inodes;
    }

    private static List<String[]> rows(String table) {
        try {
            return Files.readAllLines(Path.of(table)).stream()
                    .skip(1)
                    .map(String::strip)
                    .map(line -> line.split("\\s+"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> socketInodes(Path process) {
        Set<String> inodes = new HashSet<>();
        Pattern socket = Pattern.compile("socket:\\[(\\d+)]");
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    Matcher m = socket.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(m.group(1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException notOurs) {
            // a process that ended, or one we may not look into
        }
        return inodes;
    }
}
