package app.tablecart.auth.control;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/** Turns a verified token — from MicroProfile JWT or from {@link TokenVerifier} — into the same {@link Caller}. */
@ApplicationScoped
public class Callers {

    public static final String DINER = "diner";
    public static final String STAFF = "staff";

    @Inject
    Users users;

    @Inject
    TokenVerifier verifier;

    /**
     * The caller of a REST request, whose bearer token MicroProfile JWT has verified: the request's own principal
     * (an injected {@code JsonWebToken} follows the thread, which on Payara may be another request's; see
     * {@link app.tablecart.platform.RequestBodies}). Its claims are read from that token's payload, not through
     * {@code getClaim}: Payara's throws and catches an exception for every claim the MicroProfile spec does not name
     * (each of ours), which on every cart change costs more than decoding it. The payload is read with JSON-P, whose
     * buffers are pooled (jose4j's parser allocates about 40 KB a token).
     */
    public Caller of(SecurityContext request) {
        String token = request.getUserPrincipal() instanceof JsonWebToken jwt ? jwt.getRawToken() : null;
        if (token == null) {
            throw ApiException.unauthorized("a token is required");
        }
        JsonObject claims;
        try {
            int from = token.indexOf('.');
            claims = Json.readObject(new String(
                    Base64.getUrlDecoder().decode(token.substring(from + 1, token.indexOf('.', from + 1))),
                    StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | IndexOutOfBoundsException unreadable) {
            claims = null;
        }
        if (claims == null) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
        Object subject = value(claims.get(Claims.sub.name()));
        Object expiry = value(claims.get(Claims.exp.name()));
        if (!(subject instanceof String) || !(expiry instanceof Number)) {
            throw ApiException.unauthorized("the token lacks its subject or expiry");
        }
        Object notBefore = value(claims.get(Claims.nbf.name()));
        if (notBefore != null && !(notBefore instanceof Long)) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
        JsonObject payload = claims;
        return caller(
                (String) subject,
                texts(claims.get(Claims.groups.name())),
                name -> value(payload.get(name)),
                notBefore == null ? null : Instant.ofEpochSecond((Long) notBefore),
                Instant.ofEpochSecond(((Number) expiry).longValue()));
    }

    /** The caller behind a token handed over in a query parameter or a handshake header. */
    public Caller of(String token) {
        return caller(verifier.verify(token));
    }

    private Caller caller(JwtClaims claims) {
        try {
            if (claims.getSubject() == null || claims.getExpirationTime() == null) {
                throw ApiException.unauthorized("the token lacks its subject or expiry");
            }
            return caller(
                    claims.getSubject(),
                    claims.getStringListClaimValue("groups"),
                    claims::getClaimValue,
                    claims.getNotBefore() == null
                            ? null
                            : Instant.ofEpochSecond(claims.getNotBefore().getValue()),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (MalformedClaimException e) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
    }

    private Caller caller(
            String subject,
            Collection<String> groups,
            Function<String, Object> claim,
            Instant notBefore,
            Instant expiresAt) {
        return caller(
                subject,
                groups,
                claim,
                notBefore,
                expiresAt,
                Instant.now().plusSeconds(verifier.clockSkewSeconds()),
                users::idOf);
    }

    /**
     * The one rule for a verified token's claims, whichever way it came: in force ({@code nbf} reached by
     * {@code skewedNow}), a known role, whole-number ids, a nickname (cut to {@link Caller#MAX_NICKNAME}).
     */
    static Caller caller(
            String subject,
            Collection<String> groups,
            Function<String, Object> claim,
            Instant notBefore,
            Instant expiresAt,
            Instant skewedNow,
            ToLongFunction<String> userIds) {
        if (notBefore != null && skewedNow.isBefore(notBefore)) {
            throw ApiException.unauthorized("the token is not valid yet");
        }
        Caller.Role role = groups != null && groups.contains(STAFF)
                ? Caller.Role.STAFF
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
        nickname = nickname.length() > Caller.MAX_NICKNAME ? nickname.substring(0, Caller.MAX_NICKNAME) : nickname;
        return new Caller(
                userIds.applyAsLong(subject),
                role,
                storeId,
                role == Caller.Role.DINER ? tableId : null,
                role == Caller.Role.DINER ? session : null,
                nickname,
                text(claim.apply("phone")),
                expiresAt);
    }

    /** A claim's JSON value as jose4j gives it: a string, a number, or the JSON text of anything else. */
    private static Object value(JsonValue json) {
        if (json instanceof JsonString string) {
            return string.getString();
        }
        if (json instanceof JsonNumber number) {
            return number.isIntegral() ? (Object) number.longValue() : number.bigDecimalValue();
        }
        return json == null || json == JsonValue.NULL ? null : json.toString();
    }

    /** A list of strings, as jose4j reads one; null when absent. */
    private static List<String> texts(JsonValue json) {
        if (json == null || json == JsonValue.NULL) {
            return null;
        }
        try {
            return ((JsonArray) json)
                    .getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString)
                            .toList();
        } catch (ClassCastException notStrings) {
            throw ApiException.unauthorized("the token's claims are malformed");
        }
    }

    /** A whole-number id claim: a JSON integer or a numeric string; anything else (1.5, "x") is malformed. */
    private static Long number(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.valueOf(text.strip());
            } catch (NumberFormatException notANumber) {
                throw ApiException.unauthorized("the token's claims are malformed: " + "ids must be whole numbers");
            }
        }
        throw ApiException.unauthorized("the token's claims are malformed: ids must be whole numbers");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
