package app.tablecart.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.IssuerKey;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.PayaraMicroProcess;
import app.tablecart.it.support.Server;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.TokenMinter;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * The external identity provider path: a server configured with {@code mp.jwt.verify.publickey.location} (the public
 * key of a separately generated pair) and {@code mp.jwt.verify.issuer=https://idp.example} accepts tokens that pair
 * signed for that issuer on REST, SSE and WebSocket, and refuses tokens signed with the run's own key. Arquillian's
 * container configuration is global to the run, so this class starts its own Payara Micro (H2 in a folder of its
 * own, demo data) and always stops it, with its descendants, in {@link #stopServer()}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalIssuerIT {

    private static final String IDP_ISSUER = "https://idp.example";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final int TABLE = 1;
    private static final int STORE = 1;

    private static Path folder;
    private static PayaraMicroProcess payara;
    private static Server server;
    private static TokenMinter idp;
    private static Menu menu;

    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        Path work = Path.of(System.getProperty("tablecart.it.work", "target/it-work"))
                .toAbsolutePath();
        Files.createDirectories(work);
        folder = Files.createTempDirectory(work, "external-issuer-");
        IssuerKey idpKey = IssuerKey.generate();
        Path publicKey = idpKey.writePublicKey(folder.resolve("idp-public-key.pem"));
        idp = new TokenMinter(idpKey, IDP_ISSUER);
        try {
            payara = PayaraMicroProcess.start(
                    folder,
                    List.of(
                            "-Xmx512m",
                            "-Dtablecart.data.dir=" + folder.resolve("data"),
                            "-Dtablecart.demo=true",
                            "-Dtablecart.realtime.heartbeat=" + TestDatabase.HEARTBEAT,
                            "-Dmp.jwt.verify.publickey.location=" + publicKey.toUri(),
                            "-Dmp.jwt.verify.issuer=" + IDP_ISSUER));
            server = payara.awaitReady(STARTUP);
            menu = Menu.of(server.api(idpStaff()), STORE);
        } catch (RuntimeException | Error e) {
            stopServer();
            throw e;
        }
    }

    /** Stops the server (and its descendants); keeps only its console log and the public key. */
    @AfterAll
    static void stopServer() {
        if (payara != null) {
            payara.close();
            payara = null;
        }
        if (folder != null) {
            deleteRecursively(folder.resolve("data"));
            deleteRecursively(folder.resolve("payara-root"));
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable client : clients) {
            client.close();
        }
        clients.clear();
    }

    @Test
    @Order(1)
    void theDemoTablesStartInSessionOneAsExternalStaffSeeThem() {
        JsonObject table = table(TABLE);
        assertAll(
                "table " + TABLE + " on a fresh database: " + table,
                () -> assertEquals(STORE, table.getInt("storeId")),
                () -> assertEquals("A01", table.getString("number")),
                () -> assertEquals(1, Jsons.longValue(table, "session"), "the first session is 1"));
    }

    @Test
    @Order(2)
    void aDinerTokenOfTheExternalIssuerWorksOnRestSseAndWebSocket() {
        Token diner = idpDiner("Ext Alice").phone("13800138000").mint();
        Api api = server.api(diner);
        long v0 = Carts.version(api.clear(TABLE).ok().cart());
        JsonObject added = api.add(TABLE, menu.id(0), 2).ok().cart();
        JsonObject line = Carts.line(added, menu.id(0)).orElseThrow();
        assertAll(
                "REST with the external token: " + added,
                () -> assertEquals(v0 + 1, Carts.version(added)),
                () -> assertTrue(Jsons.longValue(line, "addUserId") > 0, "a numeric user id for a UUID subject"),
                () -> assertEquals("138****8000", line.getString("addUserPhone"), "the phone claim, masked for diners"),
                () -> assertEquals("Ext Alice", Carts.notice(added).getString("nickname")));

        SseClient sseHeader = track(server.sse(TABLE, diner, Token.Via.HEADER)).joined(WAIT);
        SseClient sseQuery = track(server.sse(TABLE, diner, Token.Via.QUERY)).joined(WAIT);
        WsClient wsHeader = track(server.ws(TABLE, diner, Token.Via.HEADER)).joined(WAIT);
        WsClient wsQuery = track(server.ws(TABLE, diner, Token.Via.QUERY)).joined(WAIT);
        wsQuery.send("add_item", Jsons.object("cuisineId", menu.id(1), "quantity", 1));
        JsonObject success = wsQuery.awaitCart("add_item_success", v0 + 2, WAIT).getJsonObject("data");
        assertEquals("Ext Alice", Carts.notice(success).getString("nickname"), "the WebSocket's identity");
        wsHeader.awaitCart("cart_update", v0 + 2, WAIT);
        sseHeader.awaitVersion(v0 + 2, WAIT);
        sseQuery.awaitVersion(v0 + 2, WAIT);

        Token staff = idpStaff();
        server.api(staff).getCart(TABLE).ok();
        track(server.ws(TABLE, staff)).joined(WAIT);
    }

    @Test
    @Order(3)
    void tokensSignedWithTheRunsOwnKeyOrForAnotherIssuerAreRefused() {
        long session = Jsons.longValue(table(TABLE), "session");
        IssuerKey runKey = TestDatabase.settings().signingKey();
        List<Token> refused = List.of(
                new TokenMinter(runKey, IDP_ISSUER)
                        .diner(TABLE, STORE, session, "Run key")
                        .describe("the run's key, the provider's issuer")
                        .mint(),
                TokenMinter.ofRun()
                        .diner(TABLE, STORE, session, "Run key")
                        .describe("the run's key and issuer")
                        .mint(),
                idpDiner("Wrong issuer").issuer(TokenMinter.DEFAULT_ISSUER).mint());
        long before = Carts.version(server.api(idpStaff()).cart(TABLE));
        List<Executable> checks = new ArrayList<>();
        for (Token token : refused) {
            checks.add(() -> assertRefused(server.api(token).getCart(TABLE), token + ": GET cart"));
            checks.add(() -> assertRefused(server.api(token).add(TABLE, menu.id(0), 1), token + ": add"));
            for (Token.Via via : Token.Via.values()) {
                checks.add(() -> assertRefused(
                        track(server.sse(TABLE, token, via)).response(), token + ": SSE, token in the " + via));
                if (via == Token.Via.HEADER) {
                    // MicroProfile JWT refuses a bad bearer header before the upgrade: the handshake's HTTP 401.
                    checks.add(() -> assertEquals(
                            401,
                            WsClient.handshakeStatus(
                                    assertThrows(AssertionError.class, () -> server.ws(TABLE, token, via))),
                            token + ": WebSocket handshake, token in the header"));
                    continue;
                }
                checks.add(() -> assertAll(token + ": WebSocket, token in the " + via, () -> {
                    WsClient ws = track(server.ws(TABLE, token, via));
                    JsonObject error = ws.next(WAIT);
                    assertAll(
                            "first message " + error,
                            () -> assertEquals("error", error.getString("type", null)),
                            () -> assertEquals(
                                    "unauthorized", error.getJsonObject("data").getString("code", null)),
                            () -> assertEquals(401, error.getJsonObject("data").getInt("status", -1)));
                    assertEquals(1008, ws.awaitClose(WAIT).code(), "close code");
                }));
            }
        }
        checks.add(() -> assertEquals(
                before, Carts.version(server.api(idpStaff()).cart(TABLE)), "the cart after the refused calls"));
        assertAll("tokens the external issuer's key did not sign for it", checks.stream());
    }

    @Test
    @Order(4)
    void theServiceIssuesNoTokensOfItsOwnWhenAnExternalProviderIsConfigured() {
        Api anonymous = server.api();
        Api.Response staff = anonymous.post(
                "api/auth/staff",
                Jsons.object("username", "sichuan", "password", "sichuan-demo").toString());
        Api.Response diner = anonymous.post(
                "api/auth/diner",
                Jsons.object("tableCode", table(TABLE).getString("joinCode"), "nickname", "Local")
                        .toString());
        assertAll(
                "sign-in with an external provider configured",
                () -> assertTrue(Set.of(404, 501).contains(staff.status()), "staff sign-in: " + staff),
                () -> assertFalse(staff.body().contains("\"token\""), "no token in " + staff),
                () -> assertTrue(Set.of(404, 501).contains(diner.status()), "diner join: " + diner),
                () -> assertFalse(diner.body().contains("\"token\""), "no token in " + diner));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Staff of store 1 as the provider issues them: a UUID subject, group staff, storeId. */
    private static Token idpStaff() {
        return idp.staff(STORE, "manager@idp.example")
                .subject(UUID.randomUUID().toString())
                .mint();
    }

    /** A diner of table 1 in its current session, as the provider issues them (UUID subject). */
    private static TokenMinter.Builder idpDiner(String nickname) {
        long session = Jsons.longValue(table(TABLE), "session");
        return idp.diner(TABLE, STORE, session, nickname)
                .subject(UUID.randomUUID().toString());
    }

    private static JsonObject table(int tableId) {
        return server
                .api(idpStaff())
                .get("api/store/" + STORE + "/tables")
                .ok()
                .data()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(t -> t.getInt("id") == tableId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("table " + tableId + " not listed"));
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private static void assertRefused(Api.Response response, String what) {
        assertAll(
                what + ": " + response,
                () -> assertEquals(401, response.status(), "HTTP status"),
                () -> assertEquals(401, response.code(), "envelope code"));
    }
}
