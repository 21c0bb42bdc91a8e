package app.tablecart.menu.control;

import app.tablecart.menu.entity.Cuisine;
import app.tablecart.platform.ApiException;
import app.tablecart.table.entity.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** A store's menu. */
@ApplicationScoped
@Transactional
public class Menu {

    @PersistenceContext
    EntityManager em;

    public List<Cuisine> of(long storeId) {
        if (em.find(Store.class, storeId) == null) {
            throw ApiException.notFound("store " + storeId + " not found");
        }
        return em.createQuery("select c from Cuisine c where c.store.id = :store order by c.id", Cuisine.class)
                .setParameter("store", storeId)
                .getResultList();
    }
}
