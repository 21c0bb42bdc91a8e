package app.tablecart.it;

import static app.tablecart.it.support.Carts.quantity;
import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.AtOnce;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.ServerConsole;
import app.tablecart.it.support.ServerIT;
import app.tablecart.it.support.TestDatabase;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.function.Executable;

/**
 * Group commit when the database itself turns a change away: the transaction it shared fails, and its other changes
 * are applied on their own. PostgreSQL only: the test puts a trigger on the run's schema that refuses one remark.
 */
@EnabledIfSystemProperty(named = "tablecart.it.db", matches = "postgresql")
class CartWriterIT extends ServerIT {

    private static final String REFUSED_REMARK = "the database refuses this remark";
    /** What the writer logs when a transaction of several changes failed and each goes again alone. */
    private static final Pattern FELL_BACK = Pattern.compile("A transaction of ([2-9]|\\d{2,}) cart changes failed");

    @Test
    void aChangeTheDatabaseRefusesFailsAloneAndTheOthersOfItsTransactionAreApplied() throws Exception {
        Api staff = server.tokens().staffApi(1);
        long dish = Menu.of(staff, 1).id(1);
        List<Integer> tables = List.of(13, 14, 15, 16, 17, 18, 19, 20);
        int refusedTable = 20;
        TestDatabase.Settings db = TestDatabase.settings();
        try (Connection admin = db.adminConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE FUNCTION " + db.schema() + ".refuse_remark() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    + "BEGIN IF NEW.remark = '" + REFUSED_REMARK + "' THEN RAISE EXCEPTION 'refused by the test'; "
                    + "END IF; RETURN NEW; END $$");
            sql.execute("CREATE TRIGGER refuse_remark BEFORE INSERT OR UPDATE ON " + db.schema() + ".cart_line "
                    + "FOR EACH ROW EXECUTE FUNCTION " + db.schema() + ".refuse_remark()");
            try {
                // Until a transaction that held the refused change and others failed as a whole: only then does the
                // one-by-one path run (a burst cannot force the changes into one transaction, only make it likely).
                String consoleBefore = ServerConsole.text();
                boolean sharedAndFellBack = false;
                for (int round = 1; round <= 10 && !sharedAndFellBack; round++) {
                    Map<Integer, Long> versions = new HashMap<>();
                    for (int table : tables) {
                        versions.put(table, version(staff.clear(table).ok().cart()));
                    }
                    Map<String, Callable<Api.Response>> calls = new LinkedHashMap<>();
                    for (int table : tables) {
                        String remark = table == refusedTable ? REFUSED_REMARK : "no onions";
                        calls.put("table " + table, () -> staff.add(table, dish, 3, remark, null));
                    }
                    Map<String, Api.Response> answers = AtOnce.run(calls);
                    assertOutcomes(staff, tables, refusedTable, dish, versions, answers, "round " + round);
                    sharedAndFellBack = FELL_BACK
                            .matcher(ServerConsole.text().substring(consoleBefore.length()))
                            .find();
                }
                assertTrue(sharedAndFellBack, "in 10 rounds no transaction of several changes failed and fell back");
            } finally {
                sql.execute("DROP TRIGGER refuse_remark ON " + db.schema() + ".cart_line");
                sql.execute("DROP FUNCTION " + db.schema() + ".refuse_remark()");
            }
        }
    }

    private static void assertOutcomes(
            Api staff,
            List<Integer> tables,
            int refusedTable,
            long dish,
            Map<Integer, Long> before,
            Map<String, Api.Response> answers,
            String round) {
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
        assertAll(round + ": one change the database refuses among " + tables.size(), checks);
    }
}
