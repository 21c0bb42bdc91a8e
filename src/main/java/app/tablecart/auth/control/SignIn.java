package app.tablecart.auth.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.auth.entity.Staff;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Text;
import app.tablecart.table.entity.DiningTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
    private static final int MAX_CODE = 64;
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
    public record Session(String token, long expiresAt, long userId, long storeId, Long tableId,
            String tableNumber, String nickname) {
    }

    public Session joinTable(String code, String nickname, String phone, String address) {
        guesses.requireCodeAllowed(address);
        String name = Text.name(nickname == null ? "" : nickname, "nickname", Caller.MAX_NICKNAME);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw ApiException.badRequest("phone must be 3 to 20 digits (+, - and spaces allowed)");
        }
        String given = code == null ? "" : code.strip();
        var tables = given.isEmpty() ? java.util.List.<DiningTable>of()
                : em.createQuery("select t from DiningTable t where t.joinCode = :code", DiningTable.class)
                        .setParameter("code", Text.identifier(given, "tableCode", MAX_CODE)).getResultList();
        if (tables.isEmpty()) {
            guesses.wrongCode(address);
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
                .setParameter("username", account).getResultList();
        if (!passwords.matches(password.toCharArray(), found.isEmpty() ? null : found.get(0).getPasswordHash())) {
            guesses.wrongPassword(account, address);
            throw ApiException.unauthorized("wrong username or password");
        }
        guesses.rightPassword(account);
        Staff staff = found.get(0);
        String subject = "staff:" + staff.getId();
        var token = issuer.sign(subject, Callers.STAFF, staffLifetime,
                Map.of("storeId", staff.getStoreId(), "nickname", staff.getUsername()));
        return new Session(token.jwt(), token.expiresAt().getEpochSecond(), users.idOf(subject), staff.getStoreId(),
                null, null, staff.getUsername());
    }
}
