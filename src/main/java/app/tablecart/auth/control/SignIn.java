package app.tablecart.auth.control;

import app.tablecart.auth.entity.Staff;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signing in, and the tokens it gives: staff with their password here, diners by joining a table (the table
 * feature's {@code Joining}, through {@link #diner}).
 */
@ApplicationScoped
@Transactional
public class SignIn {

    private static final int MAX_USERNAME = 64;

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenIssuer issuer;

    @Inject
    Users users;

    @Inject
    Guesses guesses;

    @Inject
    Passwords passwords;

    @Inject
    @ConfigProperty(name = "tablecart.auth.diner-token-lifetime")
    Duration dinerLifetime;

    @Inject
    @ConfigProperty(name = "tablecart.auth.staff-token-lifetime")
    Duration staffLifetime;

    /** What a client needs after signing in. */
    public record Session(
            String token,
            long expiresAt,
            long userId,
            long storeId,
            Long tableId,
            String tableNumber,
            String nickname) {}

    /**
     * A staff member's sign-in. Wrong passwords are counted per account and per address ({@link Guesses}); an
     * unknown username costs the same hashing as a known one, so the time taken does not tell which exist.
     */
    public Session staff(String username, String password, String address) {
        String account = Text.identifier(username == null ? null : username.strip(), "username", MAX_USERNAME);
        if (account == null || password == null) {
            throw ApiException.badRequest("username and password are required");
        }
        guesses.requirePasswordAllowed(account, address);
        var found = em.createQuery("select s from Staff s where s.username = :username", Staff.class)
                .setParameter("username", account)
                .getResultList();
        if (!passwords.matches(
                password.toCharArray(), found.isEmpty() ? null : found.get(0).getPasswordHash())) {
            guesses.wrongPassword(account, address);
            throw ApiException.unauthorized("wrong username or password");
        }
        guesses.rightPassword(account);
        Staff staff = found.get(0);
        String subject = "staff:" + staff.getId();
        var token = issuer.sign(
                subject,
                Callers.STAFF,
                staffLifetime,
                Map.of("storeId", staff.getStoreId(), "nickname", staff.getUsername()));
        return new Session(
                token.jwt(),
                token.expiresAt().getEpochSecond(),
                users.idOf(subject),
                staff.getStoreId(),
                null,
                null,
                staff.getUsername());
    }

    /** A new diner's token for a table's current session (the table was found by its code). */
    public Session diner(
            long storeId, long tableId, String tableNumber, long tableSession, String nickname, String phone) {
        String subject = "diner:" + UUID.randomUUID();
        Map<String, Object> claims = new java.util.HashMap<>();
        claims.put("tableId", tableId);
        claims.put("storeId", storeId);
        claims.put("tableSession", tableSession);
        claims.put("nickname", nickname);
        claims.put("phone", phone);
        var token = issuer.sign(subject, Callers.DINER, dinerLifetime, claims);
        return new Session(
                token.jwt(),
                token.expiresAt().getEpochSecond(),
                users.idOf(subject),
                storeId,
                tableId,
                tableNumber,
                nickname);
    }
}
