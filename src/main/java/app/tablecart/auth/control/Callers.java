package app.tablecart.auth.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.realtime.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/** Turns a verified token — from MicroProfile JWT or from {@link TokenVerifier} — into the same {@link Caller}. */
@ApplicationScoped
public class Callers {

    public static final String DINER = "diner";
    public static final String STAFF = "staff";
    private static final int MAX_NICKNAME = 32;

    @Inject
    Users users;

    @Inject
    TokenVerifier verifier;

    /** The caller of a REST request, whose bearer token MicroProfile JWT has verified. */
    public Caller of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw ApiException.unauthorized("a token is required");
        }
        return caller(jwt.getSubject(), jwt.getGroups(), jwt::getClaim,
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /** The caller behind a token handed over in a query parameter or a handshake header. */
    public Caller of(String token) {
        JwtClaims claims = verifier.verify(token);
        try {
            return caller(claims.getSubject(), claims.getStringListClaimValue("groups"), claims::getClaimValue,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (MalformedClaimException e) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
    }

    /** What a live channel needs to know of a caller. */
    public static Viewer viewer(Caller caller) {
        return new Viewer(caller.userId(), caller.nickname(), caller.isStaff(), caller.storeId(),
                caller.tableSession() == null ? 0 : caller.tableSession(), caller.expiresAt());
    }

    private Caller caller(String subject, Collection<String> groups, Function<String, Object> claim,
            Instant expiresAt) {
        Caller.Role role = groups != null && groups.contains(STAFF) ? Caller.Role.STAFF
                : groups != null && groups.contains(DINER) ? Caller.Role.DINER : null;
        if (role == null) {
            throw ApiException.forbidden("the token is neither a diner's nor a staff member's");
        }
        Long storeId = number(claim.apply("storeId"));
        Long tableId = number(claim.apply("tableId"));
        Long session = number(claim.apply("tableSession"));
        if (storeId == null || role == Caller.Role.DINER && (tableId == null || session == null)) {
            throw ApiException.unauthorized("the token lacks its store or table");
        }
        String nickname = text(claim.apply("nickname"));
        if (nickname == null) {
            nickname = text(claim.apply("upn"));
        }
        if (nickname == null || nickname.isBlank()) {
            nickname = role == Caller.Role.STAFF ? "Staff" : "Guest";
        }
        nickname = nickname.length() > MAX_NICKNAME ? nickname.substring(0, MAX_NICKNAME) : nickname;
        return new Caller(users.idOf(subject), role, storeId, role == Caller.Role.DINER ? tableId : null,
                role == Caller.Role.DINER ? session : null, nickname, text(claim.apply("phone")), expiresAt);
    }

    private static Long number(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof JsonNumber number) {
            return number.longValue();
        }
        String text = text(value);
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        return value == null ? null : value.toString();
    }
}
