package app.tablecart.it.support;

import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens of a test run, from the server and minted locally.
 * <ul>
 *   <li>From the server: demo staff sign in ({@link #staff}), staff list their store's tables with join codes
 *       ({@link #tables}), diners join a table with its code ({@link #diner}, cached per table and nickname for
 *       the run; {@link #join} always joins anew).</li>
 *   <li>Minted with the run's private key ({@link #minter}, {@link #mintDiner}): expired ones, short-lived ones,
 *       thousands of distinct diners.</li>
 * </ul>
 * The database (and so every table's code and session) lives for the whole run while each IT class has its own
 * server, so the caches are static; {@link #forget} drops what a code rotation or a table close made stale.
 * Every token string the run creates is recorded ({@link #used}) for the check that no log contains one.
 */
public final class Tokens {

    /** A demo staff account (README / auth contract). */
    public record Staff(int storeId, String username, String password) {}

    public static final Staff SICHUAN = new Staff(1, "sichuan", "sichuan-demo");
    public static final Staff DIMSUM = new Staff(2, "dimsum", "dimsum-demo");

    private static final Set<String> USED = ConcurrentHashMap.newKeySet();
    private static final Set<String> CODES = ConcurrentHashMap.newKeySet();
    private static final Map<String, Token> DINERS = new ConcurrentHashMap<>();
    private static final Map<Integer, Token> STAFF = new ConcurrentHashMap<>();
    /** storeId -> (tableId -> {id, storeId, number, joinCode, session}) */
    private static final Map<Integer, Map<Integer, JsonObject>> TABLES = new ConcurrentHashMap<>();

    private final Server server;
    private final Api anonymous;

    private Tokens(Server server) {
        this.server = server;
        this.anonymous = server.api();
    }

    public static Tokens on(Server server) {
        return new Tokens(server);
    }

    // ---- what the run used -----------------------------------------------------------------------------------------

    static void record(String jwt) {
        if (jwt.length() >= 16) {
            USED.add(jwt);
        }
    }

    /** Every token string created in this run (server-issued, minted, garbage). */
    public static Set<String> used() {
        return Set.copyOf(USED);
    }

    /** Every join code the run has seen. */
    public static Set<String> joinCodes() {
        return Set.copyOf(CODES);
    }

    // ---- staff -----------------------------------------------------------------------------------------------------

    public static Staff account(int storeId) {
        return switch (storeId) {
            case 1 -> SICHUAN;
            case 2 -> DIMSUM;
            default -> throw new IllegalArgumentException("no demo staff for store " + storeId);
        };
    }

    /** POST /api/auth/staff, as it answers. */
    public Api.Response signIn(String username, String password) {
        return anonymous.post(
                "api/auth/staff",
                Jsons.object("username", username, "password", password).toString());
    }

    /** A signed-in demo staff member of the store (cached for the run). */
    public Token staff(int storeId) {
        return STAFF.computeIfAbsent(storeId, id -> {
            Staff account = account(id);
            Api.Response answer = signIn(account.username(), account.password()).ok();
            JsonObject data = answer.data().asJsonObject();
            return new Token(
                    data.getString("token"),
                    "staff '" + account.username() + "' of store " + id,
                    Jsons.longValue(data, "userId"),
                    data.getString("nickname", null),
                    null,
                    id,
                    null);
        });
    }

    /** An API client as the store's staff. */
    public Api staffApi(int storeId) {
        return server.api(staff(storeId));
    }

    // ---- tables and codes ------------------------------------------------------------------------------------------

    /** GET /api/store/{storeId}/tables with this token, as it answers. */
    public Api.Response listTables(int storeId, Token token) {
        Api.Response answer = server.api(token).get("api/store/" + storeId + "/tables");
        if (answer.status() == 200) {
            answer.data()
                    .asJsonArray()
                    .getValuesAs(JsonObject.class)
                    .forEach(t -> CODES.add(t.getString("joinCode", "")));
        }
        return answer;
    }

    /** The store's tables as its staff lists them (cached until {@link #forget}). */
    public List<JsonObject> tables(int storeId) {
        return List.copyOf(listing(storeId).values());
    }

    private Map<Integer, JsonObject> listing(int storeId) {
        return TABLES.computeIfAbsent(storeId, id -> {
            Map<Integer, JsonObject> byId = new LinkedHashMap<>();
            for (JsonObject table :
                    listTables(id, staff(id)).ok().data().asJsonArray().getValuesAs(JsonObject.class)) {
                byId.put(table.getInt("id"), table);
            }
            return byId;
        });
    }

    /** {id, storeId, number, joinCode, session} of a demo table. */
    public JsonObject table(int tableId) {
        JsonObject table = listing(Menu.storeOfTable(tableId)).get(tableId);
        if (table == null) {
            throw new AssertionError("table " + tableId + " is not in its store's listing");
        }
        return table;
    }

    public String joinCode(int tableId) {
        return table(tableId).getString("joinCode");
    }

    public long session(int tableId) {
        return Jsons.longValue(table(tableId), "session");
    }

    /** Forgets the listing of the table's store (codes and sessions are read again); diner tokens stay. */
    public static void forgetListing(int tableId) {
        TABLES.remove(Menu.storeOfTable(tableId));
    }

    /** Forgets the table's code, session and cached diner tokens (after a rotation or a close). */
    public static void forget(int tableId) {
        TABLES.remove(Menu.storeOfTable(tableId));
        DINERS.keySet().removeIf(key -> key.startsWith(tableId + "|"));
    }

    /** POST /api/store/{storeId}/tables/{tableId}/code with this token; a 200 makes the caches forget the table. */
    public Api.Response rotateCode(int storeId, int tableId, Token token) {
        return tableAction(storeId, tableId, "code", token);
    }

    /** POST /api/store/{storeId}/tables/{tableId}/close with this token; a 200 makes the caches forget the table. */
    public Api.Response closeTable(int storeId, int tableId, Token token) {
        return tableAction(storeId, tableId, "close", token);
    }

    private Api.Response tableAction(int storeId, int tableId, String action, Token token) {
        Api.Response answer = server.api(token).post("api/store/" + storeId + "/tables/" + tableId + "/" + action, "");
        if (answer.status() == 200) {
            forget(tableId);
            CODES.add(answer.data().asJsonObject().getString("joinCode", ""));
        }
        return answer;
    }

    // ---- diners ----------------------------------------------------------------------------------------------------

    /** POST /api/auth/diner {tableCode, nickname, phone?}, as it answers. */
    public Api.Response joinWith(String code, String nickname, String phone) {
        JsonObject body = phone == null
                ? Jsons.object("tableCode", code, "nickname", nickname)
                : Jsons.object("tableCode", code, "nickname", nickname, "phone", phone);
        return anonymous.post("api/auth/diner", body.toString());
    }

    /** Joins the table anew (a new diner) with its current code; asserts 200. */
    public Token join(int tableId, String nickname, String phone) {
        Api.Response answer = joinWith(joinCode(tableId), nickname, phone);
        if (answer.status() != 200) {
            throw new AssertionError("joining table " + tableId + " as '" + nickname + "' failed: " + answer);
        }
        return dinerToken(answer, "diner '" + nickname + "' of table " + tableId, phone);
    }

    /** The token of a join answer (200). */
    public static Token dinerToken(Api.Response joined, String description, String phone) {
        JsonObject data = joined.ok().data().asJsonObject();
        return new Token(
                data.getString("token"),
                description,
                Jsons.longValue(data, "userId"),
                data.getString("nickname", null),
                data.getInt("tableId"),
                data.getInt("storeId"),
                phone);
    }

    /** A diner of the table with this nickname, joined once per run and reused. */
    public Token diner(int tableId, String nickname) {
        return DINERS.computeIfAbsent(tableId + "|" + nickname, key -> join(tableId, nickname, null));
    }

    /** An API client as that diner. */
    public Api dinerApi(int tableId, String nickname) {
        return server.api(diner(tableId, nickname));
    }

    // ---- minted locally --------------------------------------------------------------------------------------------

    /** Mints with the run's private key and issuer. */
    public TokenMinter minter() {
        return TokenMinter.ofRun();
    }

    /** A builder for a diner of the table's current session, with a new subject. */
    public TokenMinter.Builder mintDiner(int tableId, String nickname) {
        return minter().diner(tableId, Menu.storeOfTable(tableId), session(tableId), nickname);
    }
}
