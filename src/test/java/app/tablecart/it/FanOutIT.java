package app.tablecart.it;

import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.Metrics;
import app.tablecart.it.support.RawClient;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Fan-out at scale: a thousand connections of each kind are counted by the gauges and released when their clients
 * vanish; a client that stops reading is closed while the healthy ones keep receiving every version. The server caps
 * open connections per user, so every connection carries its own diner token, minted with the run's key for the
 * table's current session; the raw clients send it as a browser does ({@code ?access_token=}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FanOutIT extends ServerIT {

    private static final Logger LOG = Logger.getLogger(FanOutIT.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CONNECTIONS = 1000;
    private static final int BATCH = 100;
    private static final int[] FAN_OUT_TABLES = {31, 32, 33, 34};
    private static final int SLOW_TABLE = 40;
    /** Receive buffer of a stalled client: small, so the server's side fills up soon. */
    private static final int STALLED_RECEIVE_BUFFER = 4096;

    private static final int MAX_PUSHES = 4000;
    /** 20 characters of three UTF-8 bytes each, repeated to the 200-character limit: a heavy cart line. */
    private static final String HEAVY_REMARK = "不要香菜多放辣椒谢谢少盐少油米饭多一点好".repeat(10);

    /** The staff of store 2 (tables 21..40). */
    Api api;

    Metrics metrics;

    @BeforeEach
    void connect() {
        api = tokens.staffApi(2);
        metrics = server.metrics();
    }

    @Test
    @Order(1)
    void aThousandConnectionsOfEachKindAreCountedAndReleasedWhenTheirClientsVanish() throws Exception {
        metrics.awaitConnections(Metrics.Kind.SSE, 0, WAIT);
        metrics.awaitConnections(Metrics.Kind.WEBSOCKET, 0, WAIT);
        List<Token> socketTokens = distinctDiners("ws");
        List<Token> streamTokens = distinctDiners("sse");
        List<WsClient> sockets = new ArrayList<>();
        List<RawClient> streams = new ArrayList<>();
        try {
            // Sockets first: streams end by themselves after tablecart.sse.timeout, so they open last.
            openSockets(sockets, socketTokens);
            long streamsOpened = System.nanoTime();
            openStreams(streams, streamTokens);
            metrics.awaitConnections(Metrics.Kind.WEBSOCKET, CONNECTIONS, WAIT);
            metrics.awaitConnections(Metrics.Kind.SSE, CONNECTIONS, WAIT);

            sockets.forEach(WsClient::abort);
            streams.forEach(RawClient::abort);
            long dropped = System.nanoTime();
            Duration left = TestDatabase.settings()
                    .sseTimeout()
                    .minus(Duration.ofNanos(dropped - streamsOpened))
                    .minusSeconds(3);
            assertTrue(
                    left.compareTo(TestDatabase.settings().heartbeat().multipliedBy(3)) > 0,
                    "inconclusive: opening took so long that the streams would soon end by their timeout (" + left
                            + " left)");
            metrics.awaitConnections(Metrics.Kind.WEBSOCKET, 0, WAIT);
            metrics.awaitConnections(Metrics.Kind.SSE, 0, left.minus(Duration.ofNanos(System.nanoTime() - dropped)));
            LOG.info("fan-out: " + CONNECTIONS + " + " + CONNECTIONS + " dropped connections released "
                    + Duration.ofNanos(System.nanoTime() - dropped).toMillis() + " ms after the drop");
        } finally {
            sockets.forEach(WsClient::abort);
            streams.forEach(RawClient::abort);
        }
    }

    @Test
    @Order(2)
    void aStalledClientIsClosedWhileTheHealthyOnesReceiveEveryVersion() {
        Menu menu = Menu.of(api, Menu.storeOfTable(SLOW_TABLE));
        long v0 = heavyCart(menu);
        long sseBefore = metrics.connections(Metrics.Kind.SSE);
        long wsBefore = metrics.connections(Metrics.Kind.WEBSOCKET);

        // Healthy clients join before and after the stalled ones, so a fault that skips the rest of a table's
        // connections once one is closed cannot hide behind the join order.
        long stalledSince = System.nanoTime();
        SseClient healthySse1 = track(server.sse(SLOW_TABLE, tokens.diner(SLOW_TABLE, "EarlyReader")))
                .joined(WAIT);
        WsClient healthyWs1 =
                track(server.ws(SLOW_TABLE, tokens.diner(SLOW_TABLE, "Early"))).joined(WAIT);
        RawClient stalledSse = track(RawClient.connect(server, STALLED_RECEIVE_BUFFER));
        RawClient stalledWs = track(RawClient.connect(server, STALLED_RECEIVE_BUFFER));
        stall(stalledSse, stalledWs, sseBefore + 2, wsBefore + 2);
        SseClient healthySse2 = track(server.sse(SLOW_TABLE, tokens.diner(SLOW_TABLE, "LateReader")))
                .joined(WAIT);
        WsClient healthyWs2 =
                track(server.ws(SLOW_TABLE, tokens.diner(SLOW_TABLE, "Late"))).joined(WAIT);
        metrics.awaitConnections(Metrics.Kind.SSE, sseBefore + 3, WAIT);
        metrics.awaitConnections(Metrics.Kind.WEBSOCKET, wsBefore + 3, WAIT);

        // Push changes until the server has closed both stalled clients; stay clear of the stream timeout.
        long deadline = stalledSince
                + TestDatabase.settings().sseTimeout().minusSeconds(10).toNanos();
        int pushed = 0;
        boolean stalledClosed = false;
        while (!stalledClosed && pushed < MAX_PUSHES && System.nanoTime() < deadline) {
            api.update(SLOW_TABLE, menu.id(0), 2 + pushed % 2).ok();
            pushed++;
            if (pushed % 20 == 0) {
                stalledClosed = metrics.connections(Metrics.Kind.SSE) == sseBefore + 2
                        && metrics.connections(Metrics.Kind.WEBSOCKET) == wsBefore + 2;
            }
        }
        long bytesPerClient = (long) pushed * api.getCart(SLOW_TABLE).body().length();
        LOG.info("slow client: " + pushed + " changes, about " + bytesPerClient / 1024 + " KB per client, in "
                + Duration.ofNanos(System.nanoTime() - stalledSince).toMillis() + " ms since connect");
        assertTrue(
                stalledClosed,
                "the server did not close the stalled clients (gauges sse="
                        + metrics.connections(Metrics.Kind.SSE) + " websocket="
                        + metrics.connections(Metrics.Kind.WEBSOCKET)
                        + ", expected " + (sseBefore + 2) + "/" + (wsBefore + 2) + ") after " + pushed
                        + " changes of about " + bytesPerClient / 1024 + " KB in all");

        long last = v0 + pushed;
        for (SseClient healthy : List.of(healthySse1, healthySse2)) {
            healthy.awaitVersion(last, WAIT);
            Carts.assertEveryVersion(v0, last, healthy.cartVersions(), "a healthy stream");
            assertFalse(healthy.events().ended(), "the healthy stream is open");
        }
        for (WsClient healthy : List.of(healthyWs1, healthyWs2)) {
            healthy.awaitCart("cart_update", last, WAIT);
            Carts.assertEveryVersion(v0, last, healthy.versions("cart_update"), "a healthy socket");
            assertFalse(healthy.isClosed(), "the healthy socket is open");
        }

        RawClient.Drained sseEnd = stalledSse.drain(false, WAIT);
        RawClient.Drained wsEnd = stalledWs.drain(true, WAIT);
        LOG.info("slow client: stalled stream ended with " + sseEnd + ", stalled socket with " + wsEnd);
        assertTrue(sseEnd.closedByServer(), "the stalled stream, read again, ends: " + sseEnd);
        assertTrue(wsEnd.closedByServer(), "the stalled socket, read again, ends: " + wsEnd);
        if (wsEnd.closeCode() >= 0) {
            assertEquals(1013, wsEnd.closeCode(), "close code for a client too slow");
        }
        assertEquals(sseBefore + 2, metrics.connections(Metrics.Kind.SSE), "only the stalled stream was closed");
        assertEquals(wsBefore + 2, metrics.connections(Metrics.Kind.WEBSOCKET), "only the stalled socket was closed");
    }

    /**
     * Sends the stalled clients' requests (the stream's is never read; the socket's upgrade answer is read, then
     * nothing more) and waits until the gauges count them.
     */
    private void stall(RawClient stream, RawClient socket, long sseExpected, long wsExpected) {
        stream.requestEventStream(path("api/store/order/sse/" + SLOW_TABLE), tokens.diner(SLOW_TABLE, "StalledReader"));
        String upgrade = socket.requestWebSocket(path("ws/cart/" + SLOW_TABLE), tokens.diner(SLOW_TABLE, "Stalled"))
                .readHead(WAIT);
        assertTrue(upgrade.startsWith("HTTP/1.1 101"), "WebSocket upgrade: " + upgrade);
        metrics.awaitConnections(Metrics.Kind.SSE, sseExpected, WAIT);
        metrics.awaitConnections(Metrics.Kind.WEBSOCKET, wsExpected, WAIT);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Fills the table with every cuisine of the menu, each with a 200-character remark; returns the version. */
    private long heavyCart(Menu menu) {
        api.clear(SLOW_TABLE).ok();
        long version = 0;
        for (int i = 0; i < menu.size(); i++) {
            version = version(
                    api.add(SLOW_TABLE, menu.id(i), 1, HEAVY_REMARK, null).ok().cart());
        }
        return version;
    }

    private String path(String relative) {
        return server.app(relative).getRawPath();
    }

    private static int table(int i) {
        return FAN_OUT_TABLES[i % FAN_OUT_TABLES.length];
    }

    /** One diner token per connection, each of its own user, at the connection's table (see {@link #table}). */
    private List<Token> distinctDiners(String kind) {
        List<Token> minted = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            minted.add(tokens.mintDiner(table(i), kind + "-" + i).mint());
        }
        return minted;
    }

    /** Opens the WebSockets in batches; each one counts once its initial cart_update has arrived. */
    private void openSockets(List<WsClient> opened, List<Token> diners) {
        for (int start = 0; start < CONNECTIONS; start += BATCH) {
            List<CompletableFuture<WsClient>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(CONNECTIONS, start + BATCH); i++) {
                batch.add(server.wsAsync(table(i), diners.get(i), Token.Via.QUERY));
            }
            Exception failure = null;
            for (CompletableFuture<WsClient> pending : batch) {
                try {
                    opened.add(pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw new AssertionError(
                        "a WebSocket did not open (" + opened.size() + " of " + CONNECTIONS + " did): " + failure,
                        failure);
            }
            for (WsClient socket : opened.subList(start, opened.size())) {
                socket.joined(WAIT);
            }
        }
    }

    /**
     * Opens the event streams on raw sockets in batches; each one counts once its initial cart_update has arrived.
     * After that nothing reads them (a heartbeat a second fits the socket buffers easily).
     */
    private void openStreams(List<RawClient> opened, List<Token> diners) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int start = 0; start < CONNECTIONS; start += BATCH) {
                List<Future<RawClient>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(CONNECTIONS, start + BATCH); i++) {
                    String path = path("api/store/order/sse/" + table(i));
                    Token diner = diners.get(i);
                    batch.add(pool.submit(() -> {
                        RawClient stream = RawClient.connect(server, 0).requestEventStream(path, diner);
                        try {
                            stream.readUntil("cart_update", WAIT);
                            return stream;
                        } catch (AssertionError e) {
                            stream.abort();
                            throw e;
                        }
                    }));
                }
                Exception failure = null;
                for (Future<RawClient> pending : batch) {
                    try {
                        opened.add(pending.get(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS));
                    } catch (Exception e) {
                        failure = failure == null ? e : failure;
                    }
                }
                if (failure != null) {
                    throw new AssertionError(
                            "an event stream did not open (" + opened.size() + " of " + CONNECTIONS + " did): "
                                    + failure,
                            failure);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
