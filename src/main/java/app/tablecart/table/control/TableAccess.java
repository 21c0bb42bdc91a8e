package app.tablecart.table.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The access rule, in one place: a diner reaches only the table (and its current session) their token names, and
 * that table's store's menu; staff reach every table of their store and no other store.
 */
@ApplicationScoped
@Transactional
public class TableAccess {

    @PersistenceContext
    EntityManager em;

    /** Refuses the caller unless they may use the table; an unknown table is 404 first. */
    public DiningTable requireTable(Caller caller, long tableId) {
        DiningTable table = em.find(DiningTable.class, tableId);
        if (table == null) {
            throw ApiException.notFound("table " + tableId + " not found");
        }
        requireTable(caller, table);
        return table;
    }

    /** The same rule for a table already loaded (and locked) by the caller's transaction. */
    public void requireTable(Caller caller, DiningTable table) {
        if (caller.isStaff()) {
            requireOwnStore(caller, table.getStoreId());
            return;
        }
        if (caller.tableId() != table.getId().longValue()) {
            throw ApiException.forbidden("this token is for another table");
        }
        requireOwnStore(caller, table.getStoreId()); // a token naming a table of another store is no diner's
        if (!seated(caller.tableSession(), table.getSession())) {
            throw new ApiException(Problem.UNAUTHORIZED, "session_closed", "table session closed");
        }
    }

    /**
     * The session rule, in one place: a diner's token works while the table session it names is the table's current
     * one; a new party (staff closed the table or rotated its code) starts a new session.
     */
    public static boolean seated(long tokenSession, long currentSession) {
        return tokenSession == currentSession;
    }

    /** Refuses the caller unless the store is theirs (a diner's table's store, a staff member's store). */
    public void requireStore(Caller caller, long storeId) {
        if (em.find(Store.class, storeId) == null) {
            throw ApiException.notFound("store " + storeId + " not found");
        }
        requireOwnStore(caller, storeId);
        if (!caller.isStaff()) {
            DiningTable table = em.find(DiningTable.class, caller.tableId());
            if (table == null || table.getStoreId() != storeId) {
                throw ApiException.forbidden("this token's table is not in this store");
            }
        }
    }

    /** Refuses anyone but the store's staff. */
    public void requireStaff(Caller caller, long storeId) {
        requireStore(caller, storeId);
        if (!caller.isStaff()) {
            throw ApiException.forbidden("only the store's staff may do this");
        }
    }

    private static void requireOwnStore(Caller caller, long storeId) {
        if (caller.storeId() != storeId) {
            throw ApiException.forbidden("this token is for another store");
        }
    }
}
