package app.tablecart.it;

import static app.tablecart.it.support.Carts.quantity;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.AtOnce;
import app.tablecart.it.support.Deployments;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.Server;
import app.tablecart.it.support.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * Group commit when the database itself turns a change away: the transaction it shared fails, and its other changes
 * are applied on their own. PostgreSQL only: the test puts a trigger on the run's schema that refuses one remark.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "tablecart.it.db", matches = "postgresql")
class CartWriterIT {

    private static final String REFUSED_REMARK = "the database refuses this remark";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    URL deployed;

    @Test
    void aChangeTheDatabaseRefusesFailsAloneAndTheOthersOfItsTransactionAreApplied() throws Exception {
        Server server = Deployments.server(deployed).awaitReady(Duration.ofSeconds(60));
        Api staff = server.tokens().staffApi(1);
        long dish = Menu.of(staff, 1).id(1);
        List<Integer> tables = List.of(13, 14, 15, 16, 17, 18, 19, 20);
        int refusedTable = 20;
        Map<Integer, Long> before = new HashMap<>();
        for (int table : tables) {
            before.put(table, version(staff.clear(table).ok().cart()));
        }
        TestDatabase.Settings db = TestDatabase.settings();
        try (Connection admin = db.adminConnection(); Statement sql = admin.createStatement()) {
            sql.execute("CREATE FUNCTION " + db.schema() + ".refuse_remark() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN IF NEW.remark = '" + REFUSED_REMARK + "' THEN RAISE EXCEPTION 'refused by the test'; "
                    + "END IF; RETURN NEW; END $$");
            sql.execute("CREATE TRIGGER refuse_remark BEFORE INSERT OR UPDATE ON " + db.schema() + ".cart_line "
                    + "FOR EACH ROW EXECUTE FUNCTION " + db.schema() + ".refuse_remark()");
            try {
                Map<String, Callable<Api.Response>> calls = new LinkedHashMap<>();
                for (int table : tables) {
                    String remark = table == refusedTable ? REFUSED_REMARK : "no onions";
                    calls.put("table " + table, () -> staff.add(table, dish, 3, remark, null));
                }
                Map<String, Api.Response> answers = AtOnce.run(calls);

                List<Executable> checks = new ArrayList<>();
                for (int table : tables) {
                    Api.Response answer = answers.get("table " + table);
                    JsonObject cart = staff.cart(table);
                    if (table == refusedTable) {
                        checks.add(() -> assertEquals(500, answer.status(), "refused by the database: " + answer));
                        checks.add(() -> assertEquals(before.get(table), version(cart), "unchanged: " + cart));
                        checks.add(() -> assertEquals(0, cart.getJsonArray("items").size(), "no line: " + cart));
                    } else {
                        checks.add(() -> assertEquals(200, answer.status(), "table " + table + ": " + answer));
                        checks.add(() -> assertEquals(before.get(table) + 1, version(cart), "applied: " + cart));
                        checks.add(() -> assertEquals(3, quantity(cart, dish), "its line: " + cart));
                    }
                }
                assertAll("one change the database refuses among " + tables.size(), checks);
            } finally {
                sql.execute("DROP TRIGGER refuse_remark ON " + db.schema() + ".cart_line");
                sql.execute("DROP FUNCTION " + db.schema() + ".refuse_remark()");
            }
        }
    }
}
