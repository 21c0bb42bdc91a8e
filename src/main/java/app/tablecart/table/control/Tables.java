package app.tablecart.table.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.SchemaMigration.DatabaseReady;
import app.tablecart.table.entity.DiningTable;
import app.tablecart.table.entity.TableClosed;
import app.tablecart.table.entity.TableDTO;
import app.tablecart.table.entity.TableSessionEnded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** A store's tables, their join codes and sessions. */
@ApplicationScoped
@Transactional
public class Tables {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<TableClosed> closed;

    @Inject
    Event<TableSessionEnded> sessionEnded;

    public List<TableDTO> of(long storeId) {
        return em.createQuery(
                        "select t from DiningTable t where t.store.id = :store order by t.number, t.id",
                        DiningTable.class)
                .setParameter("store", storeId)
                .getResultStream()
                .map(TableDTO::of)
                .toList();
    }

    /** A new code and session: whoever knew the old code, or holds a token of the old session, is out. */
    public TableDTO rotateCode(long storeId, long tableId) {
        DiningTable table = table(storeId, tableId);
        table.newSession();
        sessionEnded.fire(new TableSessionEnded(tableId, table.getSession())); // observed after commit
        return TableDTO.of(table);
    }

    /**
     * The party left: in one transaction the cart is emptied (by the cart feature, observing {@link TableClosed}) and
     * the table gets a new code and session. The table's row is locked first, then the cart's.
     */
    public TableDTO close(long storeId, long tableId, Caller staff) {
        table(storeId, tableId);
        closed.fire(new TableClosed(tableId, staff.diner()));
        return rotateCode(storeId, tableId);
    }

    /** Tables created before join codes existed get one when the service starts. */
    void assignMissingCodes(@Observes DatabaseReady ready) {
        em.createQuery("select t from DiningTable t where t.joinCode is null", DiningTable.class)
                .getResultList()
                .forEach(DiningTable::assignCodeIfMissing);
    }

    private DiningTable table(long storeId, long tableId) {
        DiningTable table = em.find(DiningTable.class, tableId, LockModeType.PESSIMISTIC_WRITE);
        if (table == null || table.getStoreId() != storeId) {
            throw ApiException.notFound("table " + tableId + " not found in store " + storeId);
        }
        return table;
    }
}
