package app.tablecart.auth.control;

import app.tablecart.auth.entity.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * tablecart's numeric user id for a token subject, created on first sight; ids never change, so they are cached.
 */
@ApplicationScoped
public class Users {

    private final ConcurrentHashMap<String, Long> ids = new ConcurrentHashMap<>();

    @Inject
    Registry registry;

    public long idOf(String subject) {
        Long id = ids.get(subject);
        if (id == null) {
            try {
                id = registry.findOrCreate(subject);
            } catch (PersistenceException | jakarta.transaction.TransactionalException raced) {
                id = registry.findOrCreate(subject); // another request created it first
            }
            ids.put(subject, id);
        }
        return id;
    }

    /** The rows; each call in its own transaction, so a user exists even if the caller's change rolls back. */
    @ApplicationScoped
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public static class Registry {

        @PersistenceContext
        EntityManager em;

        long findOrCreate(String subject) {
            var found = em.createQuery("select u.id from AppUser u where u.subject = :subject", Long.class)
                    .setParameter("subject", subject)
                    .getResultList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            AppUser user = new AppUser(subject);
            em.persist(user);
            em.flush();
            return user.getId();
        }
    }
}
