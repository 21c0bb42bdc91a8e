package app.tablecart.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Await;
import app.tablecart.it.support.Server;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Readiness follows the database: the app's PostgreSQL role is locked out (NOLOGIN, its sessions ended) and let in
 * again. PostgreSQL runs only: there the test owns the database's door.
 */
@EnabledIfSystemProperty(named = "tablecart.it.db", matches = "postgresql")
class ReadinessIT extends ServerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void readinessIsDownWhileTheDatabaseIsUnreachableAndUpAgainAfter() throws SQLException {
        Api api = server.tokens().staffApi(1);
        assertReadiness(api, server, 200, "UP");
        assertEquals(200, api.getCart(20).status(), "the app works before the outage");

        String role = TestDatabase.settings().role();
        try (Connection admin = TestDatabase.settings().adminConnection();
                Statement sql = admin.createStatement()) {
            try {
                sql.execute("ALTER ROLE " + role + " NOLOGIN");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
                awaitReadiness(api, server, 503, "DOWN");
            } finally {
                sql.execute("ALTER ROLE " + role + " LOGIN");
            }
            awaitReadiness(api, server, 200, "UP");
            assertEquals(200, api.getCart(20).status(), "the app works again after the outage");
        }
    }

    private static Api.Response readiness(Api api, Server server) {
        return api.send("GET", server.atRoot("health/ready"), null, null);
    }

    private static void assertReadiness(Api api, Server server, int status, String state) {
        Api.Response ready = readiness(api, server);
        assertEquals(status, ready.status(), ready.toString());
        assertEquals(state, ready.envelope().getString("status"), ready.toString());
        JsonObject database = ready.envelope().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "database".equals(c.getString("name", null)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check named database: " + ready));
        assertEquals(state, database.getString("status"), ready.toString());
    }

    private static void awaitReadiness(Api api, Server server, int status, String state) {
        Await.until("/health/ready answers " + status + " " + state, WAIT, () -> {
            Api.Response ready = readiness(api, server);
            return ready.status() == status && ready.body().contains(state);
        });
        assertReadiness(api, server, status, state);
    }
}
