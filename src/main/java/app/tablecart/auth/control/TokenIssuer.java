package app.tablecart.auth.control;

import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Signs the tokens of diners who join a table and of staff who sign in (RS256, the service's issuer key). */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    /** A signed token and when it expires. */
    public record Token(String jwt, Instant expiresAt) {}

    public Token sign(String subject, String group, Duration lifetime, Map<String, Object> claims) {
        if (IssuerKeyConfigSource.externalKeyConfigured()) {
            throw new ApiException(
                    Problem.NOT_FOUND,
                    "sign-in is with the identity provider configured for this " + "service, not here");
        }
        IssuerKeys keys = IssuerKeys.get();
        Instant now = Instant.now();
        Instant expiresAt = now.plus(lifetime);
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        jwt.setSubject(subject);
        jwt.setClaim("upn", subject);
        jwt.setStringListClaim("groups", List.of(group));
        jwt.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        jwt.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        jwt.setJwtId(UUID.randomUUID().toString());
        claims.forEach((name, value) -> {
            if (value != null) {
                jwt.setClaim(name, value);
            }
        });
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setKey(keys.privateKey());
        jws.setKeyIdHeaderValue(keys.keyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return new Token(jws.getCompactSerialization(), Instant.ofEpochSecond(expiresAt.getEpochSecond()));
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
