package app.tablecart.it;

import static app.tablecart.it.support.Carts.assertSameCart;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Await;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.IssuerKey;
import app.tablecart.it.support.Jsons;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.ServerConsole;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.SseClient;
import app.tablecart.it.support.TestDatabase;
import app.tablecart.it.support.Token;
import app.tablecart.it.support.TokenMinter;
import app.tablecart.it.support.Tokens;
import app.tablecart.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 3 on a real server with real tokens: who may reach which table on REST, SSE and WebSocket (401 / 403 with the
 * cart untouched, both token paths alike), where cart lines get their user, joining and its rate limit, staff
 * sign-in and table management, closing a table, expiry mid-connection, concurrent handshakes, the WebSocket rate
 * limit, the per-user connection cap, CORS and the handshake Origin, the JWKS, and - last - that the server's log
 * holds no token. One Payara start; the tests run in order and each uses tables no other IT class touches
 * (14..19, 22..27).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT extends ServerIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ISSUER = TokenMinter.DEFAULT_ISSUER;

    // store 1
    private static final int SCOPE_TABLE = 14;
    private static final int NEIGHBOUR_TABLE = 15;
    private static final int PHONE_TABLE = 16;
    private static final int CLOSE_TABLE = 17;
    private static final int ROTATE_TABLE = 18;
    private static final int EXPIRY_TABLE = 19;
    // store 2
    private static final int OTHER_STORE_TABLE = 22;
    private static final int CROWD_TABLE = 23;
    private static final int RATE_TABLE = 24;
    private static final int CAP_TABLE = 25;
    private static final int ORIGIN_TABLE = 26;
    private static final int JOIN_TABLE = 27;

    /** A key pair the server has never seen: what a forger signs with. */
    private static final IssuerKey FORGER = IssuerKey.generate();

    Token staff1;
    Token staff2;
    Menu menu1;
    Menu menu2;

    @BeforeEach
    void connect() {
        staff1 = tokens.staff(1);
        staff2 = tokens.staff(2);
        menu1 = Menu.of(server.api(staff1), 1);
        menu2 = Menu.of(server.api(staff2), 2);
    }

    // ---- keys and open endpoints ---------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theJwksListsTheRunsSigningKeyAndOpenEndpointsNeedNoToken() {
        IssuerKey runKey = TestDatabase.settings().signingKey();
        Api anonymous = server.api();
        Api.Response jwks = anonymous.send("GET", server.app(".well-known/jwks.json"), null, null);
        assertEquals(200, jwks.status(), jwks.toString());
        List<JsonObject> keys = jwks.envelope().getJsonArray("keys").getValuesAs(JsonObject.class);
        JsonObject key = keys.stream()
                .filter(k -> runKey.kid().equals(k.getString("kid", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no key with the run's kid " + runKey.kid() + " in " + jwks));
        assertAll(
                "the JWK " + key,
                () -> assertEquals("RSA", key.getString("kty")),
                () -> assertEquals("RS256", key.getString("alg")),
                () -> assertEquals("sig", key.getString("use")),
                () -> assertEquals(runKey.modulusBase64Url(), key.getString("n"), "n = the run's public modulus"),
                () -> assertEquals(runKey.exponentBase64Url(), key.getString("e"), "e"),
                () -> assertFalse(key.containsKey("d"), "no private part"));

        assertEquals(
                200,
                anonymous.send("GET", server.atRoot("health/ready"), null, null).status(),
                "health");
        assertEquals(
                200,
                anonymous
                        .send("GET", server.atRoot("metrics?scope=application"), null, null, "text/plain")
                        .status(),
                "metrics");
        assertRest(anonymous.menu(1), 401, "the menu without a token");
        assertEquals(runKey.kid(), TokenMinter.kidOf(staff1), "a server-issued token names the run's key");
    }

    // ---- 401 and 403 on every channel ----------------------------------------------------------------------------

    @Test
    @Order(2)
    void missingMalformedForgedForeignIssuerAndExpiredTokensGet401OnEveryChannelAndChangeNothing() {
        Map<Integer, JsonObject> before = snapshot(SCOPE_TABLE);
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertRefusedEverywhere(null, SCOPE_TABLE, 401, "unauthorized"));
        for (Token bad : badTokens(SCOPE_TABLE)) {
            checks.add(() -> assertRefusedEverywhere(bad, SCOPE_TABLE, 401, "unauthorized"));
        }
        checks.add(() -> assertUnchanged(before));
        assertAll("refused tokens", checks.stream());
    }

    @Test
    @Order(3)
    void aDinerOfAnotherTableAndStaffOfAnotherStoreGet403OnEveryChannelAndChangeNothing() {
        Token neighbour = tokens.diner(NEIGHBOUR_TABLE, "Nina");
        Token scopeDiner = tokens.diner(SCOPE_TABLE, "Alice");
        Map<Integer, JsonObject> before = snapshot(SCOPE_TABLE, NEIGHBOUR_TABLE, OTHER_STORE_TABLE);
        String codeBefore = freshTable(SCOPE_TABLE).getString("joinCode");

        assertAll(
                "tokens outside their scope",
                () -> assertRefusedEverywhere(neighbour, SCOPE_TABLE, 403, "forbidden"),
                () -> assertRefusedEverywhere(scopeDiner, NEIGHBOUR_TABLE, 403, "forbidden"),
                () -> assertRefusedEverywhere(staff2, SCOPE_TABLE, 403, "forbidden"),
                () -> assertRefusedEverywhere(staff1, OTHER_STORE_TABLE, 403, "forbidden"),
                () -> assertRefusedEverywhere(scopeDiner, OTHER_STORE_TABLE, 403, "forbidden"),
                () -> assertRest(tokens.listTables(1, scopeDiner), 403, "a diner listing the tables"),
                () -> assertRest(tokens.listTables(1, staff2), 403, "staff of store 2 listing store 1's tables"),
                () -> assertRest(tokens.listTables(1, null), 401, "listing the tables without a token"),
                () -> assertRest(tokens.rotateCode(1, SCOPE_TABLE, scopeDiner), 403, "a diner rotating the code"),
                () -> assertRest(tokens.rotateCode(1, SCOPE_TABLE, staff2), 403, "store 2 rotating a code of store 1"),
                () -> assertRest(tokens.closeTable(1, SCOPE_TABLE, scopeDiner), 403, "a diner closing the table"),
                () -> assertRest(tokens.closeTable(1, SCOPE_TABLE, staff2), 403, "store 2 closing a table of store 1"),
                () -> assertUnchanged(before),
                () -> assertEquals(
                        codeBefore,
                        freshTable(SCOPE_TABLE).getString("joinCode"),
                        "the join code after refused rotations and closes"));
    }

    @Test
    @Order(4)
    void validDinerAndStaffTokensWorkOnEveryChannel() {
        server.api(staff1).clear(SCOPE_TABLE).ok();
        for (Token who : List.of(tokens.diner(SCOPE_TABLE, "Alice"), staff1)) {
            Api api = server.api(who);
            assertEquals(SCOPE_TABLE, api.cart(SCOPE_TABLE).getInt("tableId"), who + ": GET cart");
            long restVersion = version(api.add(SCOPE_TABLE, menu1.id(0), 1).ok().cart());

            SseClient sseHeader =
                    track(server.sse(SCOPE_TABLE, who, Token.Via.HEADER)).joined(WAIT);
            SseClient sseQuery =
                    track(server.sse(SCOPE_TABLE, who, Token.Via.QUERY)).joined(WAIT);
            WsClient wsQuery =
                    track(server.ws(SCOPE_TABLE, who, Token.Via.QUERY)).joined(WAIT);
            WsClient wsHeader =
                    track(server.ws(SCOPE_TABLE, who, Token.Via.HEADER)).joined(WAIT);

            wsQuery.send("add_item", Jsons.object("cuisineId", menu1.id(1), "quantity", 1));
            JsonObject success = wsQuery.awaitCart("add_item_success", restVersion + 1, WAIT);
            assertEquals(
                    who.nickname(),
                    Carts.notice(success.getJsonObject("data")).getString("nickname"),
                    who + ": the notice nickname is the token's");
            wsHeader.awaitCart("cart_update", restVersion + 1, WAIT);
            sseHeader.awaitVersion(restVersion + 1, WAIT);
            sseQuery.awaitVersion(restVersion + 1, WAIT);
            closeClients();
        }
    }

    @Test
    @Order(5)
    void headerAndQueryParameterTokensGetTheSameVerdicts() {
        Token diner = tokens.join(SCOPE_TABLE, "Hugo", null);
        Map<String, Token> candidates = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        candidates.put("diner of the table", diner);
        expected.put("diner of the table", "200 connected");
        candidates.put("staff of the store", staff1);
        expected.put("staff of the store", "200 connected");
        candidates.put("diner of another table", tokens.diner(NEIGHBOUR_TABLE, "Nina"));
        expected.put("diner of another table", "403 forbidden/403");
        candidates.put("staff of another store", staff2);
        expected.put("staff of another store", "403 forbidden/403");
        for (Token bad : badTokens(SCOPE_TABLE)) {
            candidates.put(bad.description(), bad);
            expected.put(bad.description(), "401 unauthorized/401");
        }

        List<String> problems = new ArrayList<>();
        candidates.forEach((name, token) -> {
            int sseHeader = sseStatus(token, Token.Via.HEADER);
            int sseQuery = sseStatus(token, Token.Via.QUERY);
            String wsQuery = wsOutcome(token, Token.Via.QUERY, name);
            String wsHeader = wsOutcome(token, Token.Via.HEADER, name);
            String want = expected.get(name);
            String wantStatus = want.substring(0, 3);
            String wantWs = want.substring(4);
            if (sseHeader != sseQuery) {
                problems.add(name + ": SSE header " + sseHeader + " but query parameter " + sseQuery);
            }
            // A bad bearer header on a handshake is refused by MicroProfile JWT with the handshake's own HTTP 401
            // (only non-browser clients can send that header, and they can read the status); the query path,
            // which browsers use, gets the error message and close 1008 instead. Same verdict, two forms.
            String wantWsHeader = "401".equals(wantStatus) ? "HTTP 401" : wantWs;
            if (!String.valueOf(sseHeader).equals(wantStatus)
                    || !String.valueOf(sseQuery).equals(wantStatus)) {
                problems.add(
                        name + ": SSE expected " + wantStatus + ", got header " + sseHeader + " / query " + sseQuery);
            }
            if (!wsQuery.equals(wantWs) || !wsHeader.equals(wantWsHeader)) {
                problems.add(name + ": WebSocket expected '" + wantWs + "', got query '" + wsQuery + "' / header '"
                        + wsHeader + "'");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        Api.Response queryOnly =
                server.api().get("api/store/order/cart/" + SCOPE_TABLE + "?access_token=" + diner.jwt());
        assertRest(queryOnly, 401, "a plain REST call with only ?access_token=");
        server.api(diner).getCart(SCOPE_TABLE).ok();
    }

    // ---- who a cart line belongs to -----------------------------------------------------------------------------

    @Test
    @Order(6)
    void cartLinesTakeTheirUserFromTheTokenNeverFromTheBodyAndPhonesAreMaskedForOtherDiners() {
        int t = PHONE_TABLE;
        server.api(staff1).clear(t).ok();
        Token alice = tokens.join(t, "Alice", "13800138000");
        Token bob = tokens.join(t, "Bob", "13900139000");
        long a = menu1.id(0);
        long b = menu1.id(1);

        String spoofed = Jsons.object(
                        "tableId",
                        t,
                        "cuisineId",
                        a,
                        "quantity",
                        1,
                        "addUserId",
                        999_999,
                        "addUserPhone",
                        "10000000000")
                .toString();
        JsonObject afterAlice =
                server.api(alice).post("api/store/order/cart/add", spoofed).ok().cart();
        JsonObject aliceLine = Carts.line(afterAlice, a).orElseThrow();
        WsClient bobWs = track(server.ws(t, bob)).joined(WAIT);
        bobWs.send(
                "add_item",
                Jsons.object("cuisineId", b, "quantity", 1, "addUserId", 999_999, "addUserPhone", "10000000000"));
        JsonObject afterBob = bobWs.awaitCart("add_item_success", version(afterAlice) + 1, WAIT)
                .getJsonObject("data");
        JsonObject bobLine = Carts.line(afterBob, b).orElseThrow();

        assertAll(
                "lines added with a spoofed addUserId/addUserPhone (REST body, WebSocket data)",
                () -> assertNotEquals(alice.userId(), bob.userId(), "two diners, two user ids"),
                () -> assertEquals(alice.userId(), Jsons.longValue(aliceLine, "addUserId"), "Alice's line (REST)"),
                () -> assertEquals(
                        alice.userId(), Jsons.longValue(Carts.notice(afterAlice), "userId"), "notice userId"),
                () -> assertEquals(bob.userId(), Jsons.longValue(bobLine, "addUserId"), "Bob's line (WebSocket)"),
                // Diners see every phone masked, their own too: one rendering per table for all its diners.
                () -> assertEquals(
                        "138****8000",
                        aliceLine.getString("addUserPhone"),
                        "Alice's phone, from her token, in the answer to her add"),
                () -> assertEquals(
                        "139****9000",
                        bobLine.getString("addUserPhone"),
                        "Bob's phone, from his token, in his add_item_success"),
                () -> assertPhones(server.api(bob).cart(t), a, "138****8000", b, "139****9000", "Bob's view"),
                () -> assertPhones(server.api(alice).cart(t), a, "138****8000", b, "139****9000", "Alice's view"),
                () -> assertPhones(server.api(staff1).cart(t), a, "13800138000", b, "13900139000", "the staff's view"));

        // Users are rows keyed by the token's subject: a string subject works, the same subject is the same user.
        String subject = "urn:uuid:" + UUID.randomUUID();
        Token first = tokens.mintDiner(t, "Mia").subject(subject).mint();
        Token second = tokens.mintDiner(t, "Mia again").subject(subject).mint();
        Token other = tokens.mintDiner(t, "Noa").mint();
        long c = menu1.id(2);
        long d = menu1.id(3);
        long e = menu1.id(4);
        long idFirst = Jsons.longValue(
                Carts.line(server.api(first).add(t, c, 1).ok().cart(), c).orElseThrow(), "addUserId");
        long idSecond = Jsons.longValue(
                Carts.line(server.api(second).add(t, d, 1).ok().cart(), d).orElseThrow(), "addUserId");
        long idOther = Jsons.longValue(
                Carts.line(server.api(other).add(t, e, 1).ok().cart(), e).orElseThrow(), "addUserId");
        assertAll(
                "numeric user ids by subject",
                () -> assertEquals(idFirst, idSecond, "two tokens of one subject are one user"),
                () -> assertNotEquals(idFirst, idOther, "another subject is another user"),
                () -> assertFalse(Set.of(alice.userId(), bob.userId()).contains(idFirst), "not a joined diner's id"));
    }

    @Test
    @Order(7)
    void liveChannelsMaskOtherDinersPhonesForEachViewer() {
        int t = PHONE_TABLE;
        server.api(staff1).clear(t).ok();
        Token carol = tokens.join(t, "Carol", "13700137000");
        Token dave = tokens.join(t, "Dave", null);
        WsClient carolWs = track(server.ws(t, carol)).joined(WAIT);
        WsClient daveWs = track(server.ws(t, dave)).joined(WAIT);
        SseClient daveSse = track(server.sse(t, dave)).joined(WAIT);
        WsClient staffWs = track(server.ws(t, staff1)).joined(WAIT);
        SseClient staffSse = track(server.sse(t, staff1)).joined(WAIT);

        long a = menu1.id(0);
        long v = version(server.api(carol).add(t, a, 1).ok().cart());
        Function<JsonObject, String> phone =
                cart -> Carts.line(cart, a).orElseThrow().getString("addUserPhone");
        assertAll(
                "the phone on Carol's line, per viewer",
                () -> assertEquals(
                        "137****7000",
                        phone.apply(data(carolWs.awaitCart("cart_update", v, WAIT))),
                        "Carol's own socket: masked like every diner's view"),
                () -> assertEquals(
                        "137****7000", phone.apply(data(daveWs.awaitCart("cart_update", v, WAIT))), "Dave's socket"),
                () -> assertEquals(
                        "137****7000", phone.apply(daveSse.awaitVersion(v, WAIT).json()), "Dave's stream"),
                () -> assertEquals(
                        "13700137000",
                        phone.apply(data(staffWs.awaitCart("cart_update", v, WAIT))),
                        "the staff's socket"),
                () -> assertEquals(
                        "13700137000",
                        phone.apply(staffSse.awaitVersion(v, WAIT).json()),
                        "the staff's stream"));
    }

    // ---- joining and signing in ----------------------------------------------------------------------------------

    @Test
    @Order(8)
    void joiningGivesATokenForThatTableOnlyAndRefusesBadInput() throws MalformedClaimException {
        JsonObject table = freshTable(JOIN_TABLE);
        String code = table.getString("joinCode");
        String phone = "+86-138-0013-8000";
        Api.Response joined = tokens.joinWith(code, "Jo", phone).ok();
        JsonObject data = joined.data().asJsonObject();
        Token jo = Tokens.dinerToken(joined, "diner 'Jo' of table " + JOIN_TABLE, phone);
        long now = Instant.now().getEpochSecond();
        assertAll(
                "the join answer " + joined,
                () -> assertEquals("joined table " + table.getString("number"), joined.message()),
                () -> assertEquals(JOIN_TABLE, data.getInt("tableId")),
                () -> assertEquals(2, data.getInt("storeId")),
                () -> assertEquals(table.getString("number"), data.getString("tableNumber")),
                () -> assertEquals("Jo", data.getString("nickname")),
                () -> assertTrue(Jsons.longValue(data, "userId") > 0, "a numeric user id"),
                () -> assertTrue(
                        Math.abs(Jsons.longValue(data, "expiresAt")
                                        - (now + Duration.ofHours(4).toSeconds()))
                                < 300,
                        "expires in 4 h (epoch seconds)"));

        JwtClaims claims = TokenMinter.verify(jo, TestDatabase.settings().signingKey(), ISSUER);
        assertAll(
                "the diner token's claims",
                () -> assertEquals(List.of("diner"), claims.getStringListClaimValue("groups")),
                () -> assertEquals(
                        JOIN_TABLE, claims.getClaimValue("tableId", Long.class).intValue()),
                () -> assertEquals(
                        2, claims.getClaimValue("storeId", Long.class).intValue()),
                () -> assertEquals(Jsons.longValue(table, "session"), claims.getClaimValue("tableSession", Long.class)),
                () -> assertEquals("Jo", claims.getStringClaimValue("nickname")),
                () -> assertEquals(phone, claims.getStringClaimValue("phone")),
                () -> assertNotNull(claims.getClaimValue("upn"), "upn"),
                () -> assertNotNull(claims.getJwtId(), "jti"),
                () -> assertEquals(
                        Jsons.longValue(data, "expiresAt"),
                        claims.getExpirationTime().getValue(),
                        "exp = expiresAt"),
                () -> assertEquals(TestDatabase.settings().signingKey().kid(), TokenMinter.kidOf(jo), "kid"));
        server.api(jo).getCart(JOIN_TABLE).ok();
        assertRest(server.api(jo).getCart(JOIN_TABLE - 1), 403, "the joined token on the next table");

        assertAll(
                "bad join input (with the right code)",
                () -> assertRest(tokens.joinWith(code, "   ", null), 400, "a blank nickname"),
                () -> assertRest(tokens.joinWith(code, "N".repeat(33), null), 400, "a 33-character nickname"),
                () -> assertRest(tokens.joinWith(code, "Jo", "abc"), 400, "a phone with letters"),
                () -> assertRest(tokens.joinWith(code, "Jo", "1".repeat(21)), 400, "a 21-character phone"));
    }

    @Test
    @Order(9)
    void wrongCodesAre404UntilTheLimitThen429ForEveryoneFromThatAddressUntilTheWindowPasses()
            throws InterruptedException {
        String rightCode = freshTable(JOIN_TABLE).getString("joinCode");
        for (int i = 1; i <= TestDatabase.JOIN_FAILURES; i++) {
            Api.Response wrong = tokens.joinWith("no-such-code-" + UUID.randomUUID(), "Mallory", null);
            assertRest(wrong, 404, "wrong code #" + i);
            assertEquals("no table with that code", wrong.message(), "message of wrong code #" + i);
        }
        assertRest(
                tokens.joinWith(rightCode, "Mallory", null),
                429,
                "the right code after " + TestDatabase.JOIN_FAILURES + " wrong ones within the window");
        assertRest(
                tokens.joinWith("no-such-code-" + UUID.randomUUID(), "Mallory", null),
                429,
                "another wrong code while limited");
        long lastAttempt = System.nanoTime();

        // The limit under test is a time window: outlive it, then the right code works again.
        Thread.sleep(Math.max(0, TestDatabase.JOIN_WINDOW.plusSeconds(1).toNanos() - (System.nanoTime() - lastAttempt))
                / 1_000_000L);
        Api.Response again = tokens.joinWith(rightCode, "Mallory", null);
        assertEquals(200, again.status(), "the right code after the window: " + again);
    }

    @Test
    @Order(10)
    void staffSignInGivesAStoreTokenAndAWrongPasswordIs401() throws MalformedClaimException {
        for (Tokens.Staff account : List.of(Tokens.SICHUAN, Tokens.DIMSUM)) {
            Api.Response signedIn =
                    tokens.signIn(account.username(), account.password()).ok();
            JsonObject data = signedIn.data().asJsonObject();
            long now = Instant.now().getEpochSecond();
            Token token = new Token(
                    data.getString("token"), "staff " + account.username(), null, null, null, account.storeId(), null);
            JwtClaims claims = TokenMinter.verify(token, TestDatabase.settings().signingKey(), ISSUER);
            assertAll(
                    "sign-in of " + account.username() + ": " + signedIn,
                    () -> assertEquals(account.storeId(), data.getInt("storeId")),
                    () -> assertEquals(account.username(), data.getString("nickname")),
                    () -> assertTrue(Jsons.longValue(data, "userId") > 0, "userId"),
                    () -> assertTrue(
                            Math.abs(Jsons.longValue(data, "expiresAt")
                                            - (now + Duration.ofHours(12).toSeconds()))
                                    < 300,
                            "expires in 12 h"),
                    () -> assertEquals(List.of("staff"), claims.getStringListClaimValue("groups")),
                    () -> assertEquals(
                            account.storeId(),
                            claims.getClaimValue("storeId", Long.class).intValue()),
                    () -> assertEquals(account.username(), claims.getStringClaimValue("nickname")),
                    () -> assertNull(claims.getClaimValue("tableId"), "no tableId"));
        }
        for (String[] wrong :
                new String[][] {{"sichuan", "wrong-password"}, {"nobody", "sichuan-demo"}, {"sichuan", "dimsum-demo"}
                }) {
            Api.Response refused = tokens.signIn(wrong[0], wrong[1]);
            assertRest(refused, 401, "sign-in as " + wrong[0] + " with a wrong password");
            assertEquals("wrong username or password", refused.message());
        }
    }

    // ---- table management ---------------------------------------------------------------------------------------

    @Test
    @Order(11)
    void staffListAndRotateTheCodesOfTheirOwnStoreAndARotationEndsTheSession() {
        for (int store : List.of(1, 2)) {
            List<JsonObject> listed = tokens.listTables(store, tokens.staff(store))
                    .ok()
                    .data()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class);
            int firstId = store == 1 ? 1 : 21;
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                JsonObject table = listed.get(i);
                int index = i;
                assertAll(
                        "store " + store + " table " + table.getInt("id"),
                        () -> assertEquals(firstId + index, table.getInt("id")),
                        () -> assertEquals(store, table.getInt("storeId")),
                        () -> assertEquals(String.format("A%02d", index + 1), table.getString("number")),
                        () -> assertTrue(table.getString("joinCode").length() >= 16, "a long join code"),
                        () -> assertTrue(Jsons.longValue(table, "session") >= 1, "session >= 1"));
                codes.add(table.getString("joinCode"));
            }
            assertEquals(20, listed.size(), "the tables of store " + store);
            assertEquals(20, codes.size(), "20 distinct codes in store " + store);
        }

        int t = ROTATE_TABLE;
        JsonObject before = freshTable(t);
        Token old = tokens.join(t, "Olga", null);
        SseClient oldSse = track(server.sse(t, old)).joined(WAIT);
        WsClient oldWs = track(server.ws(t, old)).joined(WAIT);

        JsonObject rotated = tokens.rotateCode(1, t, staff1).ok().data().asJsonObject();
        assertAll(
                "the rotation's answer " + rotated,
                () -> assertEquals(t, rotated.getInt("id")),
                () -> assertEquals(1, rotated.getInt("storeId")),
                () -> assertEquals(before.getString("number"), rotated.getString("number")),
                () -> assertNotEquals(before.getString("joinCode"), rotated.getString("joinCode"), "a new code"),
                () -> assertEquals(
                        rotated.getString("joinCode"),
                        freshTable(t).getString("joinCode"),
                        "the listing shows the new code"));
        assertSessionEnded(old, t, oldSse, oldWs);
        assertRest(tokens.joinWith(before.getString("joinCode"), "Olga", null), 404, "joining with the old code");
        Token fresh = Tokens.dinerToken(
                tokens.joinWith(rotated.getString("joinCode"), "Olga", null),
                "diner 'Olga' of table " + t + " after the rotation",
                null);
        server.api(fresh).getCart(t).ok();
        track(server.ws(t, fresh)).joined(WAIT);
    }

    @Test
    @Order(12)
    void closingATableClearsItsCartAndEndsItsDinersAccessOnEveryChannelWhileStaffStay() {
        int t = CLOSE_TABLE;
        JsonObject before = freshTable(t);
        Token pat = tokens.join(t, "Pat", null);
        long withLine = version(server.api(pat).add(t, menu1.id(0), 2).ok().cart());
        SseClient patSse = track(server.sse(t, pat)).joined(WAIT);
        WsClient patWs = track(server.ws(t, pat)).joined(WAIT);
        SseClient staffSse = track(server.sse(t, staff1)).joined(WAIT);
        WsClient staffWs = track(server.ws(t, staff1)).joined(WAIT);

        JsonObject closed = tokens.closeTable(1, t, staff1).ok().data().asJsonObject();
        assertAll(
                "the close's answer " + closed,
                () -> assertEquals(t, closed.getInt("id")),
                () -> assertEquals(
                        Jsons.longValue(before, "session") + 1, Jsons.longValue(closed, "session"), "session + 1"),
                () -> assertNotEquals(before.getString("joinCode"), closed.getString("joinCode"), "a new code"));
        JsonObject cart = server.api(staff1).cart(t);
        assertAll(
                "the cart after the close " + cart,
                () -> assertTrue(Carts.items(cart).isEmpty(), "cleared"),
                () -> assertTrue(version(cart) > withLine, "a new version"));

        assertSessionEnded(pat, t, patSse, patWs);

        staffSse.events().skipAll();
        staffSse.next("heartbeat", Duration.ofSeconds(5));
        assertFalse(staffSse.events().ended(), "the staff's stream stays open");
        staffWs.send("heartbeat", null);
        staffWs.messages().await("pong", m -> "pong".equals(m.getString("message", null)), WAIT);
        assertFalse(staffWs.isClosed(), "the staff's socket stays open");

        assertRest(tokens.joinWith(before.getString("joinCode"), "Pat", null), 404, "joining with the old code");
        Api.Response rejoined = tokens.joinWith(closed.getString("joinCode"), "Pat", null);
        Token next = Tokens.dinerToken(rejoined, "diner 'Pat' of the next session of table " + t, null);
        assertTrue(server.api(next).cart(t).getJsonArray("items").isEmpty(), "the next party starts empty");
        track(server.ws(t, next)).joined(WAIT);
        track(server.sse(t, next)).joined(WAIT);
    }

    // ---- expiry mid-connection -----------------------------------------------------------------------------------

    @Test
    @Order(13)
    void aTokenThatExpiresWhileConnectedIsToldAndDisconnected() throws InterruptedException {
        int t = EXPIRY_TABLE;
        Instant expiry = Instant.now().plusSeconds(4);
        Token shortLived = tokens.mintDiner(t, "Eve")
                .expiresIn(Duration.between(Instant.now(), expiry))
                .mint();
        Instant exp = Instant.ofEpochSecond(expiry.getEpochSecond()); // exp claims are whole seconds
        SseClient sse = track(server.sse(t, shortLived)).joined(WAIT);
        WsClient ws = track(server.ws(t, shortLived)).joined(WAIT);

        // The limit under test is the token's lifetime: until shortly before exp, both stay open.
        long untilJustBefore =
                Duration.between(Instant.now(), exp.minusMillis(1500)).toMillis();
        if (untilJustBefore > 0) {
            Thread.sleep(untilJustBefore);
        }
        assertAll(
                "shortly before exp",
                () -> assertTrue(
                        sse.events().all().stream().noneMatch(e -> e.name().equals("token_expired")),
                        "no token_expired yet on the stream: "
                                + sse.events().all().size() + " events"),
                () -> assertFalse(sse.events().ended(), "the stream is open"),
                () -> assertFalse(ws.isClosed(), "the socket is open"));

        Duration bound = Duration.between(Instant.now(), exp).plus(WAIT);
        assertAll(
                "after exp",
                () -> {
                    SseClient.Event expired = sse.next("token_expired", bound);
                    sse.events().awaitEnd(WAIT);
                    assertEquals("token expired", expired.data(), "the token_expired event's data");
                },
                () -> {
                    JsonObject error =
                            ws.messages().await("an error", m -> "error".equals(m.getString("type", null)), bound);
                    assertEquals(1008, ws.awaitClose(WAIT).code(), "close code after token_expired");
                    assertWsError(error, "token_expired", 401);
                },
                () -> assertRest(server.api(shortLived).getCart(t), 401, "REST with the expired token"));
    }

    // ---- many users at once --------------------------------------------------------------------------------------

    @Test
    @Order(14)
    void aHundredConcurrentHandshakesWithDifferentTokensEachGetTheirOwnIdentity() {
        int t = CROWD_TABLE;
        int n = 100;
        long v0 = version(server.api(staff2).clear(t).ok().cart());
        List<Token> crowd = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            crowd.add(tokens.mintDiner(t, String.format("Crowd-%03d", i)).mint());
        }
        List<CompletableFuture<WsClient>> handshakes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handshakes.add(server.wsAsync(t, crowd.get(i), i % 2 == 0 ? Token.Via.QUERY : Token.Via.HEADER));
        }
        List<WsClient> sockets = new ArrayList<>();
        for (CompletableFuture<WsClient> handshake : handshakes) {
            sockets.add(track(await(handshake, "a handshake of the crowd")));
        }
        for (WsClient socket : sockets) {
            socket.joined(WAIT);
        }

        Map<Long, String> nicknameOfUser = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String nickname = crowd.get(i).nickname();
            WsClient socket = sockets.get(i);
            socket.send("add_item", Jsons.object("cuisineId", menu2.id(i % 5), "quantity", 1));
            JsonObject notice = Carts.notice(
                    socket.awaitCart("add_item_success", v0 + i + 1, WAIT).getJsonObject("data"));
            if (!nickname.equals(notice.getString("nickname", null))) {
                wrong.add("socket of " + nickname + " acted as " + notice.getString("nickname", null));
            }
            String previous = nicknameOfUser.put(Jsons.longValue(notice, "userId"), nickname);
            if (previous != null) {
                wrong.add(nickname + " has the user id of " + previous);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " socket(s) with another identity: " + wrong);
        assertEquals(n, nicknameOfUser.size(), "one user id per token");
    }

    // ---- abuse limits --------------------------------------------------------------------------------------------

    @Test
    @Order(15)
    void aBurstOfWebSocketMessagesBeyondTheRateLimitIsPartlyRefusedAndTheSocketStaysOpen() throws InterruptedException {
        int t = RATE_TABLE;
        int burst = 60;
        long cuisine = menu2.id(0);
        server.api(staff2).clear(t).ok();
        Token rita = tokens.join(t, "Rita", null);
        WsClient ws = track(server.ws(t, rita)).joined(WAIT);
        String add = Jsons.object("type", "add_item", "data", Jsons.object("cuisineId", cuisine, "quantity", 1))
                .toString();

        long start = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            ws.send(add);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(
                took.compareTo(Duration.ofMillis(900)) < 0,
                "inconclusive: the burst took " + took.toMillis() + " ms, not under a second");

        int[] applied = {0};
        try {
            Await.until("every message of the burst is either applied or refused", WAIT, () -> {
                applied[0] = Carts.quantity(server.api(staff2).cart(t), cuisine);
                return applied[0] + rateLimited(ws).size() >= burst;
            });
        } catch (AssertionError unsettled) {
            throw new AssertionError(
                    unsettled.getMessage() + ": applied " + applied[0] + ", refused "
                            + rateLimited(ws).size() + ", socket closed " + ws.isClosed() + ", received "
                            + ws.types().stream()
                                    .collect(Collectors.groupingBy(type -> type, TreeMap::new, Collectors.counting())),
                    unsettled);
        }
        List<JsonObject> refused = rateLimited(ws);
        List<JsonObject> otherErrors = ws.messages().all().stream()
                .filter(m -> "error".equals(m.getString("type", null)))
                .filter(m -> !"rate_limited".equals(m.getJsonObject("data").getString("code", null)))
                .toList();
        assertAll(
                "a burst of " + burst + " messages in " + took.toMillis() + " ms",
                () -> assertTrue(refused.size() >= 1, "some are refused as rate_limited"),
                () -> assertTrue(applied[0] >= 1 && applied[0] < burst, "some but not all applied: " + applied[0]),
                () -> assertEquals(burst, applied[0] + refused.size(), "each is applied or refused, once"),
                () -> assertTrue(
                        refused.stream().allMatch(m -> m.getJsonObject("data").getInt("status", -1) == 429),
                        "rate_limited has status 429"),
                () -> assertEquals(List.of(), otherErrors, "no other errors"));

        // The limit under test is one second: outlive it, then the socket is served again.
        Thread.sleep(1100);
        ws.messages().skipAll();
        ws.send("heartbeat", null);
        ws.messages().await("pong", m -> "pong".equals(m.getString("message", null)), WAIT);
        assertFalse(ws.isClosed(), "a burst alone does not close the socket");
    }

    @Test
    @Order(16)
    void aFloodOfWebSocketMessagesClosesTheSocketWith1008() {
        int t = RATE_TABLE;
        long cuisine = menu2.id(0);
        server.api(staff2).clear(t).ok();
        Token flo = tokens.join(t, "Flo", null);
        String add = Jsons.object("type", "add_item", "data", Jsons.object("cuisineId", cuisine, "quantity", 1))
                .toString();
        WsClient flooded = track(server.ws(t, flo)).joined(WAIT);
        int quantityBefore = Carts.quantity(server.api(staff2).cart(t), cuisine);
        int sent = 0;
        long floodStart = System.nanoTime();
        while (sent < 300 && flooded.trySend(add)) {
            sent++;
        }
        long floodMillis = Duration.ofNanos(System.nanoTime() - floodStart).toMillis();
        WsClient.Closed closed;
        try {
            closed = flooded.awaitClose(WAIT);
        } catch (AssertionError notClosed) {
            throw new AssertionError(
                    "a flood of " + sent + " add_item messages sent in " + floodMillis + " ms did not "
                            + "close the socket within " + WAIT.toSeconds() + " s; it got "
                            + rateLimited(flooded).size()
                            + " rate_limited errors and "
                            + (Carts.quantity(server.api(staff2).cart(t), cuisine) - quantityBefore) + " were applied",
                    notClosed);
        }
        int sentInAll = sent;
        WsClient.Closed closedWith = closed;
        assertAll(
                "a flood of " + sentInAll + " messages in " + floodMillis + " ms",
                () -> assertEquals(1008, closedWith.code(), "close code " + closedWith),
                () -> assertFalse(
                        closedWith.reason() == null || closedWith.reason().isBlank(), "a close reason"));
    }

    @Test
    @Order(17)
    void theEleventhConnectionOfOneUserIsRefusedAndAnotherUserIsNot() {
        int t = CAP_TABLE;
        int cap = TestDatabase.MAX_CONNECTIONS_PER_USER;
        Token cat = tokens.join(t, "Cat", null);
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            if (i % 2 == 0) {
                track(server.sse(t, cat)).joined(WAIT);
            } else {
                sockets.add(track(server.ws(t, cat)).joined(WAIT));
            }
        }
        SseClient eleventhSse = track(server.sse(t, cat));
        assertRest(eleventhSse.response(), 429, "the eleventh connection (SSE)");
        WsClient eleventhWs = track(server.ws(t, cat));
        assertWsError(eleventhWs.next(WAIT), "too_many_connections", 429);
        assertEquals(1008, eleventhWs.awaitClose(WAIT).code(), "close code of the eleventh WebSocket");

        Token other = tokens.join(t, "Other", null);
        track(server.sse(t, other)).joined(WAIT);
        track(server.ws(t, other)).joined(WAIT);

        sockets.get(0).close();
        Await.until("a connection of Cat is accepted again once one of the ten has closed", WAIT, () -> {
            WsClient again = track(server.ws(t, cat));
            JsonObject first = again.next(WAIT);
            return "connected".equals(first.getString("type", null));
        });
    }

    @Test
    @Order(18)
    void corsAllowsOnlyTheConfiguredOriginAndWebSocketHandshakesCheckTheOrigin() {
        int t = ORIGIN_TABLE;
        String allowed = TestDatabase.ALLOWED_ORIGIN;
        String evil = "http://evil.example";
        Api.Response allowedPreflight = preflight(allowed);
        Api.Response evilPreflight = preflight(evil);
        Api.Response allowedGet = server.api(staff2).with("Origin", allowed).getCart(t);
        Api.Response evilGet = server.api(staff2).with("Origin", evil).getCart(t);
        assertAll(
                "CORS",
                () -> assertTrue(allowedPreflight.status() / 100 == 2, "preflight status " + allowedPreflight),
                () -> assertEquals(
                        allowed,
                        allowedPreflight.header("Access-Control-Allow-Origin"),
                        "preflight from the allowed origin"),
                () -> assertNull(
                        evilPreflight.header("Access-Control-Allow-Origin"),
                        "preflight from another origin: "
                                + evilPreflight.headers().map()),
                () -> assertEquals(allowed, allowedGet.header("Access-Control-Allow-Origin"), "GET, allowed origin"),
                () -> assertNull(evilGet.header("Access-Control-Allow-Origin"), "GET, another origin"));

        Token diner = tokens.join(t, "Otto", null);
        WsClient fromEvil = track(server.ws(t, diner, Token.Via.QUERY, Map.of("Origin", evil)));
        assertWsError(fromEvil.next(WAIT), "forbidden_origin", 403);
        assertEquals(1008, fromEvil.awaitClose(WAIT).code(), "close code for a foreign Origin");
        String own = "http://127.0.0.1:" + server.root().getPort();
        for (Map<String, String> origin :
                List.of(Map.of("Origin", allowed), Map.of("Origin", own), Map.<String, String>of())) {
            track(server.ws(t, diner, Token.Via.QUERY, origin)).joined(WAIT);
        }
    }

    // ---- last: the log ---------------------------------------------------------------------------------------

    // ---- issue 21: tokens taken strictly, passwords and names ------------------------------------------------------

    @Test
    @Order(19)
    void aTokenNotValidYetOrWithLooseIdsIsRefusedOnEveryChannelAndChangesNothing() {
        Map<Integer, JsonObject> before = snapshot(SCOPE_TABLE);
        long inTenMinutes = Instant.now().plusSeconds(600).getEpochSecond();
        Token notYet = tokens.mintDiner(SCOPE_TABLE, "Early")
                .claim("nbf", inTenMinutes)
                .describe("nbf in 10 min")
                .mint();
        Token fraction = tokens.mintDiner(SCOPE_TABLE, "Half")
                .claim("tableId", SCOPE_TABLE + 0.5)
                .describe("tableId " + (SCOPE_TABLE + 0.5))
                .mint();
        Token wrongStore = tokens.minter()
                .diner(SCOPE_TABLE, 2, tokens.session(SCOPE_TABLE), "Stray")
                .describe("storeId 2 with table " + SCOPE_TABLE + " of store 1")
                .mint();
        assertAll(
                "tokens taken strictly",
                () -> assertRefusedOnEveryChannel(notYet, SCOPE_TABLE, 401, "unauthorized"),
                () -> assertRefusedOnEveryChannel(fraction, SCOPE_TABLE, 401, "unauthorized"),
                () -> assertRefusedOnEveryChannel(wrongStore, SCOPE_TABLE, 403, "forbidden"),
                () -> assertRest(server.api(wrongStore).menu(2), 403, "store 2's menu for a table of store 1"),
                () -> assertUnchanged(before));
    }

    @Test
    @Order(20)
    void wrongPasswordsAreLimitedPerAccountAndPerAddressThen429SaysWhenToComeBack() throws InterruptedException {
        int perAccount = TestDatabase.PASSWORD_FAILURES;
        for (int i = 1; i <= perAccount; i++) {
            assertRest(tokens.signIn("dimsum", "guess-" + i), 401, "wrong password #" + i + " for dimsum");
        }
        Api.Response locked = tokens.signIn("dimsum", "dimsum-demo");
        assertRest(locked, 429, "the right password after " + perAccount + " wrong ones");
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertAll(
                "the 429 " + locked,
                () -> assertTrue(
                        retryAfter >= 1 && retryAfter <= TestDatabase.PASSWORD_WINDOW.toSeconds(),
                        "Retry-After " + retryAfter + " s, within the window"),
                () -> assertTrue(locked.message().contains("try again in " + retryAfter + " s"), "the message"));
        tokens.signIn("sichuan", "sichuan-demo").ok(); // another account is not held up

        Thread.sleep(TestDatabase.PASSWORD_WINDOW.plusMillis(500).toMillis());
        tokens.signIn("dimsum", "dimsum-demo").ok();

        // From one address, wrong passwords for ever new usernames stop too.
        int perAddress = TestDatabase.PASSWORD_FAILURES_PER_ADDRESS;
        for (int i = 1; i <= perAddress; i++) {
            assertRest(tokens.signIn("who-" + UUID.randomUUID(), "guess"), 401, "unknown account #" + i);
        }
        assertRest(
                tokens.signIn("sichuan", "sichuan-demo"),
                429,
                "any sign-in from the address after " + perAddress + " wrong ones");
        Thread.sleep(TestDatabase.PASSWORD_WINDOW.plusMillis(500).toMillis());
        tokens.signIn("sichuan", "sichuan-demo").ok();
    }

    @Test
    @Order(21)
    void anUnknownUsernameTakesAsLongAsAKnownOne() throws InterruptedException {
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String guess = "wrong-" + i;
            known.add(timed(() -> assertRest(tokens.signIn("sichuan", guess), 401, "wrong password")));
            unknown.add(timed(() -> assertRest(tokens.signIn("nobody-" + UUID.randomUUID(), "x"), 401, "unknown")));
        }
        long knownMedian = known.stream().sorted().toList().get(1);
        long unknownMedian = unknown.stream().sorted().toList().get(1);
        assertTrue(
                unknownMedian * 2 >= knownMedian,
                "an unknown username took " + unknown + " ms, a known one with a wrong password " + known + " ms");
        Thread.sleep(TestDatabase.PASSWORD_WINDOW.plusMillis(500).toMillis()); // leave the address unlimited
    }

    @Test
    @Order(22)
    void namesAndCodesWithControlInvisibleOrDirectionCharactersAre400() {
        String code = freshTable(JOIN_TABLE).getString("joinCode");
        assertAll(
                "hidden characters on the ways in that need no login",
                () -> assertRest(tokens.joinWith(code, "Diner0\u200b", null), 400, "a zero-width space"),
                () -> assertRest(tokens.joinWith(code, "\u200b\u200b", null), 400, "an invisible nickname"),
                () -> assertRest(tokens.joinWith(code, "Bob\u202eevil", null), 400, "a bidi override"),
                () -> assertRest(tokens.joinWith(code, "Nu\u0000l", null), 400, "a NUL in the nickname"),
                () -> assertRest(tokens.joinWith(code + "\u0000", "Nul", null), 400, "a NUL in the table code"),
                () -> assertRest(tokens.signIn("sich\u0000uan", "x"), 400, "a NUL in the username"));
        Api.Response chef = tokens.joinWith(code, "Chef 👩\u200d🍳", null);
        assertEquals(200, chef.status(), "an emoji joined by a zero-width joiner: " + chef);
        assertEquals("Chef 👩\u200d🍳", chef.data().asJsonObject().getString("nickname"));
    }

    @Test
    @Order(23)
    void streamsTheirClientClosedFreeTheirSlotsAtOnce() {
        int t = CAP_TABLE;
        int cap = TestDatabase.MAX_CONNECTIONS_PER_USER;
        Token dee = tokens.join(t, "Dee", null);
        List<SseClient> streams = new ArrayList<>();
        for (int i = 0; i < cap; i++) {
            streams.add(track(server.sse(t, dee)).joined(WAIT));
        }
        assertRest(track(server.sse(t, dee)).response(), 429, "one stream over the cap");
        streams.forEach(SseClient::close);
        SseClient again = track(server.sse(t, dee));
        assertEquals(200, again.status(), "a stream right after the ten were closed");
        again.joined(WAIT);
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Refused on every channel, with either token path: REST and SSE with the status; the WebSocket with an
     * {@code error} and 1008, or - a bearer header MicroProfile JWT itself refuses - the handshake's status.
     */
    private void assertRefusedOnEveryChannel(Token token, int tableId, int status, String wsCode) {
        Api api = server.api(token);
        long cuisine = (Menu.storeOfTable(tableId) == 1 ? menu1 : menu2).id(0);
        List<Executable> checks = new ArrayList<>(List.of(
                () -> assertRest(api.getCart(tableId), status, token + ": GET cart"),
                () -> assertRest(api.add(tableId, cuisine, 1), status, token + ": add"),
                () -> assertRest(api.clear(tableId), status, token + ": clear")));
        for (Token.Via via : Token.Via.values()) {
            checks.add(() -> assertRest(
                    track(server.sse(tableId, token, via)).response(), status, token + ": SSE, token in the " + via));
            checks.add(() -> {
                WsClient ws;
                try {
                    ws = track(server.ws(tableId, token, via));
                } catch (AssertionError handshakeRefused) {
                    assertEquals(status, WsClient.handshakeStatus(handshakeRefused), token + ": handshake");
                    return;
                }
                assertWsError(ws.next(WAIT), wsCode, status);
                assertEquals(1008, ws.awaitClose(WAIT).code(), token + ": WebSocket close code, " + via);
            });
        }
        assertAll(token + " on table " + tableId, checks.stream());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theServerLogOfThisRunContainsNoTokenAndNoJoinCode() {
        assertTrue(
                Tokens.used().size() > 10,
                "the run used tokens: " + Tokens.used().size());
        ServerConsole.assertNoSecrets(Tokens.used(), Tokens.joinCodes());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Garbage, forged, foreign issuer, expired, unsigned: tokens for the table that must all get 401. */
    private List<Token> badTokens(int tableId) {
        return List.of(
                Token.of("garbage-" + UUID.randomUUID(), "garbage"),
                tokens.mintDiner(tableId, "Forger").signedBy(FORGER).mint(),
                tokens.mintDiner(tableId, "Foreign")
                        .issuer("https://evil.example")
                        .mint(),
                tokens.mintDiner(tableId, "Late")
                        .expiresIn(Duration.ofMinutes(-10))
                        .mint(),
                tokens.mintDiner(tableId, "Unsigned").mintUnsigned());
    }

    /** The table as its store's staff lists it now (not cached). */
    private JsonObject freshTable(int tableId) {
        Tokens.forgetListing(tableId);
        return tokens.table(tableId);
    }

    /** The current carts of these tables, read by their stores' staff. */
    private Map<Integer, JsonObject> snapshot(int... tableIds) {
        Map<Integer, JsonObject> carts = new LinkedHashMap<>();
        for (int tableId : tableIds) {
            Api staff = server.api(tokens.staff(Menu.storeOfTable(tableId)));
            if (Carts.items(staff.cart(tableId)).isEmpty()) {
                staff.add(tableId, (Menu.storeOfTable(tableId) == 1 ? menu1 : menu2).id(0), 1)
                        .ok();
            }
            carts.put(tableId, staff.cart(tableId));
        }
        return carts;
    }

    private void assertUnchanged(Map<Integer, JsonObject> before) {
        before.forEach((tableId, cart) -> assertSameCart(
                cart,
                server.api(tokens.staff(Menu.storeOfTable(tableId))).cart(tableId),
                "the cart of table " + tableId + " after the refused calls"));
    }

    /**
     * REST (read, add with the table in the body, update, remove and clear by query), SSE (header and query) and
     * WebSocket (query and header) to the table with this token (null: none) are all refused with this status; the
     * socket gets {@code error} with this code and closes with 1008.
     */
    private void assertRefusedEverywhere(Token token, int tableId, int status, String wsCode) {
        String who = token == null ? "no token" : token.toString();
        Api api = server.api(token);
        long cuisine = (Menu.storeOfTable(tableId) == 1 ? menu1 : menu2).id(0);
        List<Executable> checks = new ArrayList<>(List.of(
                () -> assertRest(api.getCart(tableId), status, who + ": GET cart"),
                () -> assertRest(api.add(tableId, cuisine, 1), status, who + ": add"),
                () -> assertRest(api.update(tableId, cuisine, 3), status, who + ": update"),
                () -> assertRest(api.remove(tableId, cuisine), status, who + ": remove"),
                () -> assertRest(api.clear(tableId), status, who + ": clear")));
        for (Token.Via via : token == null ? List.of(Token.Via.HEADER) : List.of(Token.Via.values())) {
            checks.add(() -> assertRest(
                    track(server.sse(tableId, token, via)).response(), status, who + ": SSE, token in the " + via));
            if (status == 401 && token != null && via == Token.Via.HEADER) {
                // MicroProfile JWT refuses a bad bearer header before the upgrade: the handshake's HTTP 401.
                checks.add(() -> assertEquals(
                        401,
                        WsClient.handshakeStatus(
                                assertThrows(AssertionError.class, () -> server.ws(tableId, token, via))),
                        who + ": WebSocket handshake, token in the header"));
                continue;
            }
            checks.add(() -> {
                WsClient ws = track(server.ws(tableId, token, via));
                assertWsError(ws.next(WAIT), wsCode, status);
                assertEquals(1008, ws.awaitClose(WAIT).code(), who + ": WebSocket close code, token in the " + via);
            });
        }
        assertAll(who + " on table " + tableId, checks.stream());
    }

    /** A refused REST call (or SSE request): the status, and the JSON envelope with the same code and a message. */
    private static void assertRest(Api.Response response, int status, String what) {
        assertAll(
                what + ": " + response,
                () -> assertEquals(status, response.status(), "HTTP status"),
                () -> assertEquals(status, response.code(), "envelope code"),
                () -> assertTrue(
                        response.message() != null && !response.message().isBlank(), "a message"));
    }

    /** {type:"error", message, data:{code, status}}; a status below 0 is not checked (the contract names none). */
    private static void assertWsError(JsonObject message, String code, int status) {
        JsonObject data = message.get("data") instanceof JsonObject d ? d : Jsons.object();
        assertAll(
                "WebSocket message " + message,
                () -> assertEquals("error", message.getString("type", null), "type"),
                () -> assertEquals(code, data.getString("code", null), "data.code"),
                () -> assertTrue(status < 0 || data.getInt("status", -1) == status, "data.status " + status),
                () -> assertFalse(message.getString("message", "").isBlank(), "a message"));
    }

    /** The diner's session is over: the open stream got session_closed and ended, the socket error + 1008, REST 401. */
    private void assertSessionEnded(Token diner, int tableId, SseClient sse, WsClient ws) {
        assertAll(
                diner + " after the end of the table session",
                () -> {
                    sse.next("session_closed", WAIT);
                    sse.events().awaitEnd(WAIT);
                },
                () -> {
                    assertWsError(ws.next("error", WAIT), "session_closed", -1);
                    assertEquals(1008, ws.awaitClose(WAIT).code(), "close code after session_closed");
                },
                () -> {
                    Api.Response rest = server.api(diner).getCart(tableId);
                    assertRest(rest, 401, "REST with the old session's token");
                    assertEquals("table session closed", rest.message());
                },
                () -> assertEquals(401, track(server.sse(tableId, diner)).status(), "a new stream"),
                () -> {
                    WsClient again = track(server.ws(tableId, diner));
                    JsonObject first = again.next(WAIT);
                    assertEquals("error", first.getString("type", null), "a new socket: " + first);
                    assertEquals(401, first.getJsonObject("data").getInt("status", -1), "a new socket: " + first);
                    assertEquals(1008, again.awaitClose(WAIT).code(), "a new socket's close code");
                });
    }

    private int sseStatus(Token token, Token.Via via) {
        try (SseClient sse = server.sse(SCOPE_TABLE, token, via)) {
            return sse.status();
        }
    }

    /**
     * "connected", "<code>/<status>" of the error the socket got first, "HTTP <status>" when the handshake itself
     * was refused, or "nothing" when no message came.
     */
    private String wsOutcome(Token token, Token.Via via, String name) {
        WsClient ws;
        try {
            ws = server.ws(SCOPE_TABLE, token, via);
        } catch (AssertionError refused) {
            int status = WsClient.handshakeStatus(refused);
            if (status > 0) {
                return "HTTP " + status;
            }
            throw new AssertionError(name + ", token in the " + via + ": " + refused.getMessage(), refused);
        }
        try (ws) {
            JsonObject first;
            try {
                first = ws.next(WAIT);
            } catch (AssertionError silent) {
                return ws.isClosed()
                        ? "closed (" + ws.messages().endReason() + ") without a message"
                        : "nothing within " + WAIT.toSeconds() + " s (still open)";
            }
            String type = first.getString("type", "?");
            if (!"error".equals(type)) {
                return type;
            }
            JsonObject data = first.getJsonObject("data");
            return data.getString("code", "?") + "/" + data.getInt("status", -1);
        }
    }

    private Api.Response preflight(String origin) {
        return server.api()
                .with("Origin", origin)
                .with("Access-Control-Request-Method", "POST")
                .with("Access-Control-Request-Headers", "authorization,content-type")
                .send("OPTIONS", server.app("api/store/order/cart/add"), null, null);
    }

    private static List<JsonObject> rateLimited(WsClient ws) {
        return ws.messages().all().stream()
                .filter(m -> "error".equals(m.getString("type", null)))
                .filter(m -> m.get("data") instanceof JsonObject d && "rate_limited".equals(d.getString("code", null)))
                .toList();
    }

    private static void assertPhones(JsonObject cart, long a, String phoneA, long b, String phoneB, String view) {
        assertAll(
                view + ": " + cart,
                () -> assertEquals(phoneA, Carts.line(cart, a).orElseThrow().getString("addUserPhone"), "line a"),
                () -> assertEquals(phoneB, Carts.line(cart, b).orElseThrow().getString("addUserPhone"), "line b"));
    }

    private static JsonObject data(JsonObject message) {
        return message.getJsonObject("data");
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + what, e);
        } catch (Exception e) {
            throw new AssertionError(what + " failed: " + e, e);
        }
    }
}
