package app.tablecart.table.control;

import static app.tablecart.Fixtures.withId;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.Store;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The access rule for a table already loaded, and the session rule, without a container. */
class TableAccessTest {

    private final TableAccess access = new TableAccess();
    private final Store store1 = withId(new Store("Sichuan House"), 1L);
    private final DiningTable table5 = withId(new DiningTable(store1, "A05"), 5L);

    private static Caller diner(long storeId, long tableId, long session) {
        return new Caller(9, Caller.Role.DINER, storeId, tableId, session, "Alice", null, Instant.MAX);
    }

    private static Caller staff(long storeId) {
        return new Caller(3, Caller.Role.STAFF, storeId, null, null, "Staff", null, Instant.MAX);
    }

    @Test
    void aDinerReachesTheTableAndSessionTheirTokenNames() {
        assertDoesNotThrow(() -> access.requireTable(diner(1, 5, 1), table5));
        assertEquals(
                Problem.FORBIDDEN,
                assertThrows(ApiException.class, () -> access.requireTable(diner(1, 6, 1), table5))
                        .problem(),
                "another table");
        ApiException ended = assertThrows(ApiException.class, () -> access.requireTable(diner(1, 5, 0), table5));
        assertEquals("session_closed", ended.code(), "a session that ended");
    }

    @Test
    void aDinerTokenWhoseStoreDoesNotOwnItsTableIsRefused() {
        assertEquals(
                Problem.FORBIDDEN,
                assertThrows(ApiException.class, () -> access.requireTable(diner(2, 5, 1), table5))
                        .problem());
    }

    @Test
    void staffReachEveryTableOfTheirStoreAndNoOther() {
        assertDoesNotThrow(() -> access.requireTable(staff(1), table5));
        assertEquals(
                Problem.FORBIDDEN,
                assertThrows(ApiException.class, () -> access.requireTable(staff(2), table5))
                        .problem());
    }

    @Test
    void aTokenIsSeatedOnlyInTheCurrentSession() {
        table5.newSession();
        assertEquals(2, table5.getSession());
        assertTrue(TableAccess.seated(2, table5.getSession()));
        assertFalse(TableAccess.seated(1, table5.getSession()), "the party before");
    }
}
