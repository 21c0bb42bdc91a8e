package app.tablecart.auth.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.realtime.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;

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

    /**
     * The caller of a REST request, whose bearer token MicroProfile JWT has verified. Its claims are read from that
     * token's payload, not through {@code getClaim}: Payara's throws and catches an exception for every claim the
     * MicroProfile spec does not name (each of ours), which on every cart change costs more than decoding it.
     */
    public Caller of(JsonWebToken jwt) {
        String token = jwt == null ? null : jwt.getRawToken();
        if (token == null) {
            throw ApiException.unauthorized("a token is required");
        }
        JwtClaims claims;
        try {
            int from = token.indexOf('.');
            claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(
                    token.substring(from + 1, token.indexOf('.', from + 1))), StandardCharsets.UTF_8));
        } catch (InvalidJwtException | IllegalArgumentException | IndexOutOfBoundsException unreadable) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
        return caller(claims);
    }

    /** The caller behind a token handed over in a query parameter or a handshake header. */
    public Caller of(String token) {
        return caller(verifier.verify(token));
    }

    /** What a live channel needs to know of a caller. */
    public static Viewer viewer(Caller caller) {
        return new Viewer(caller.userId(), caller.nickname(), caller.isStaff(), caller.storeId(),
                caller.tableSession() == null ? 0 : caller.tableSession(), caller.expiresAt());
    }

    private Caller caller(JwtClaims claims) {
        try {
            if (claims.getSubject() == null || claims.getExpirationTime() == null) {
                throw ApiException.unauthorized("the token lacks its subject or expiry");
            }
            return caller(claims.getSubject(), claims.getStringListClaimValue("groups"), claims::getClaimValue,
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (MalformedClaimException e) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
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
        String text = text(value);
        try {
            return text == null ? null : Long.valueOf(text);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
