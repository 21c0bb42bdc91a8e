package app.tablecart.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The bench's stores, tables and carts. The demo has 40 tables, so the bench inserts its own over JDBC after the
 * server has migrated the schema (Flyway, V1 + V2): stores "Bench Store n" of {@code tablesPerStore} tables
 * ({@code B001}…, each with a random join code, session 1 and an empty cart of version 0) and a menu of
 * {@code cuisinesPerStore} single dishes. Then it reads them back through the public API as the store's staff
 * ({@code GET /api/store/{id}/tables}: id, session) and as a diner would ({@code GET /api/store/{id}/cuisines}).
 * On H2 the server holds the embedded database, so the bench stops it, inserts, and starts it again.
 */
final class Fixture {

    record Table(long id, long storeId, String number, long session, List<Long> cuisines) {}

    static List<Table> create(Config cfg, Server server, Tokens tokens) throws Exception {
        int stores = (cfg.tables + cfg.tablesPerStore - 1) / cfg.tablesPerStore;
        boolean restart = cfg.db == Config.Db.H2;
        if (restart) {
            server.stop();
        }
        long t0 = System.nanoTime();
        List<Long> storeIds = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        try (Connection c = server.jdbc()) {
            c.setAutoCommit(false);
            int left = cfg.tables;
            for (int s = 1; s <= stores; s++) {
                long storeId;
                try (PreparedStatement ps =
                        c.prepareStatement("insert into store (name) values (?)", new String[] {"id"})) {
                    ps.setString(1, "Bench Store " + s);
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        storeId = keys.getLong(1);
                    }
                }
                storeIds.add(storeId);
                try (PreparedStatement ps = c.prepareStatement("insert into cuisine (store_id, name, type, image_url, "
                        + "unit_price, available) values (?, ?, 1, ?, ?, true)")) {
                    for (int k = 1; k <= cfg.cuisinesPerStore; k++) {
                        ps.setLong(1, storeId);
                        ps.setString(2, "Bench Dish " + k);
                        ps.setString(3, "https://images.tablecart.example/cuisine/bench-dish-" + k + ".jpg");
                        ps.setBigDecimal(4, new java.math.BigDecimal(10 + 2 * k + ".50"));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                int here = Math.min(cfg.tablesPerStore, left);
                left -= here;
                try (PreparedStatement ps = c.prepareStatement("insert into dining_table (store_id, number, join_code, "
                        + "session_no) values (?, ?, ?, 1)")) {
                    for (int n = 1; n <= here; n++) {
                        byte[] code = new byte[16];
                        random.nextBytes(code);
                        ps.setLong(1, storeId);
                        ps.setString(2, String.format("B%03d", n));
                        ps.setString(3, Base64.getUrlEncoder().withoutPadding().encodeToString(code));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("insert into cart (table_id, version) "
                        + "select id, 0 from dining_table where store_id = ?")) {
                    ps.setLong(1, storeId);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
        server.analyze();
        Bench.log(String.format(
                "inserted %d stores, %d tables and carts, %d cuisines over JDBC in %.1f s",
                stores, cfg.tables, stores * cfg.cuisinesPerStore, (System.nanoTime() - t0) / 1e9));
        if (restart) {
            server.start();
        }
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Table> tables = new ArrayList<>();
        for (long storeId : storeIds) {
            String staff = tokens.staff("bench-staff-" + storeId, storeId);
            List<Long> menu = new ArrayList<>();
            for (Object o : Json.list(get(http, server.base() + "/api/store/" + storeId + "/cuisines", staff))) {
                menu.add(Json.num(Json.obj(o).get("id")));
            }
            for (Object o : Json.list(get(http, server.base() + "/api/store/" + storeId + "/tables", staff))) {
                Map<String, Object> t = Json.obj(o);
                tables.add(new Table(
                        Json.num(t.get("id")),
                        storeId,
                        (String) t.get("number"),
                        Json.num(t.get("session")),
                        List.copyOf(menu)));
            }
        }
        if (tables.size() != cfg.tables) {
            throw new IllegalStateException(
                    "staff API listed " + tables.size() + " bench tables, expected " + cfg.tables);
        }
        return tables;
    }

    /** GET with a bearer token; the envelope's data. Retries a few times (the first requests after start-up). */
    static Object get(HttpClient http, String url, String token) throws Exception {
        Exception last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Json.object(r.body()).get("data");
                }
                last = new IllegalStateException("GET " + url + " -> " + r.statusCode() + " " + r.body());
            } catch (java.io.IOException e) {
                last = e;
            }
            Thread.sleep(500L * attempt);
        }
        throw last;
    }
}
