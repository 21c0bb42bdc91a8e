package app.tablecart.menu.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.menu.entity.AvailabilityChanged;
import app.tablecart.menu.entity.Cuisine;
import app.tablecart.menu.entity.CuisineDTO;
import app.tablecart.platform.ApiException;
import app.tablecart.table.control.TableAccess;
import app.tablecart.table.entity.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** A store's menu, and the staff marking a dish sold out or available again. */
@ApplicationScoped
@Transactional
public class Menu {

    @PersistenceContext
    EntityManager em;

    @Inject
    TableAccess access;

    @Inject
    Event<AvailabilityChanged> availabilityChanged;

    @Inject
    Event<CuisineDTO> changed;

    public List<Cuisine> of(long storeId) {
        if (em.find(Store.class, storeId) == null) {
            throw ApiException.notFound("store " + storeId + " not found");
        }
        return em.createQuery("select c from Cuisine c where c.store.id = :store order by c.id", Cuisine.class)
                .setParameter("store", storeId)
                .getResultList();
    }

    /**
     * Sold out ({@code false}) or back ({@code true}). Carts holding the dish show it on their line, and it cannot
     * be added or submitted while sold out. Setting what is already set changes nothing and tells nobody.
     */
    public CuisineDTO setAvailable(long storeId, long cuisineId, boolean available, Caller caller) {
        access.requireStaff(caller, storeId);
        Cuisine cuisine = em.find(Cuisine.class, cuisineId, LockModeType.PESSIMISTIC_WRITE);
        if (cuisine == null || cuisine.getStoreId() != storeId) {
            throw ApiException.notFound("cuisine " + cuisineId + " not found in store " + storeId);
        }
        if (cuisine.isAvailable() != available) {
            cuisine.setAvailable(available);
            availabilityChanged.fire(new AvailabilityChanged(cuisine, caller.diner())); // carts, in this transaction
            changed.fire(CuisineDTO.of(cuisine)); // the live channels, after the commit
        }
        return CuisineDTO.of(cuisine);
    }
}
