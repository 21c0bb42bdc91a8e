package app.tablecart.auth.control;

import app.tablecart.auth.entity.Staff;
import app.tablecart.platform.ApiException;
import app.tablecart.table.entity.DiningTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Diners join a table by its code; staff sign in with their password. Both get a token. */
@ApplicationScoped
@Transactional
public class SignIn {

    private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{3,20}");
    private static final int MAX_NICKNAME = 32;

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenIssuer issuer;

    @Inject
    Users users;

    @Inject
    JoinAttempts attempts;

    @Inject
    Pbkdf2PasswordHash passwords;

    @Inject
    @ConfigProperty(name = "tablecart.auth.diner-token-lifetime")
    Duration dinerLifetime;

    @Inject
    @ConfigProperty(name = "tablecart.auth.staff-token-lifetime")
    Duration staffLifetime;

    /** What a client needs after signing in. */
    public record Session(String token, long expiresAt, long userId, long storeId, Long tableId,
            String tableNumber, String nickname) {
    }

    public Session joinTable(String code, String nickname, String phone, String address) {
        attempts.requireAllowed(address);
        String name = nickname == null ? "" : nickname.strip();
        if (name.isEmpty() || name.length() > MAX_NICKNAME || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("nickname must be 1 to " + MAX_NICKNAME + " characters");
        }
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("phone must be 3 to 20 digits (+, - and spaces allowed)");
        }
        var tables = code == null || code.isBlank() ? java.util.List.<DiningTable>of()
                : em.createQuery("select t from DiningTable t where t.joinCode = :code", DiningTable.class)
                        .setParameter("code", code.strip()).getResultList();
        if (tables.isEmpty()) {
            attempts.failed(address);
            throw ApiException.notFound("no table with that code");
        }
        DiningTable table = tables.get(0);
        String subject = "diner:" + UUID.randomUUID();
        Map<String, Object> claims = new HashMap<>();
        claims.put("tableId", table.getId());
        claims.put("storeId", table.getStoreId());
        claims.put("tableSession", table.getSession());
        claims.put("nickname", name);
        claims.put("phone", phone);
        var token = issuer.sign(subject, Callers.DINER, dinerLifetime, claims);
        return new Session(token.jwt(), token.expiresAt().getEpochSecond(), users.idOf(subject), table.getStoreId(),
                table.getId(), table.getNumber(), name);
    }

    public Session staff(String username, String password) {
        var found = username == null || password == null ? java.util.List.<Staff>of()
                : em.createQuery("select s from Staff s where s.username = :username", Staff.class)
                        .setParameter("username", username.strip()).getResultList();
        if (found.isEmpty() || !passwords.verify(password.toCharArray(), found.get(0).getPasswordHash())) {
            throw ApiException.unauthorized("wrong username or password");
        }
        Staff staff = found.get(0);
        String subject = "staff:" + staff.getId();
        var token = issuer.sign(subject, Callers.STAFF, staffLifetime,
                Map.of("storeId", staff.getStoreId(), "nickname", staff.getUsername()));
        return new Session(token.jwt(), token.expiresAt().getEpochSecond(), users.idOf(subject), staff.getStoreId(),
                null, null, staff.getUsername());
    }
}
