package app.tablecart.it.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * Mints RS256 tokens locally with a key pair (jose4j), with the claims of the auth contract: iss, sub, upn, groups,
 * iat, exp, jti; diners also tableId, storeId, tableSession, nickname, phone; staff storeId and nickname.
 * <pre>
 *   minter.diner(14, 1, session, "Alice").expiresIn(Duration.ofSeconds(3)).mint()
 *   minter.staff(1, "sichuan").issuer("https://evil.example").mint()
 * </pre>
 */
public final class TokenMinter {

    public static final String DEFAULT_ISSUER = "https://tablecart.local";

    private final IssuerKey key;
    private final String issuer;

    public TokenMinter(IssuerKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** The run's own key (the one the server signs with) and the default issuer. */
    public static TokenMinter ofRun() {
        return new TokenMinter(TestDatabase.settings().signingKey(), DEFAULT_ISSUER);
    }

    public IssuerKey key() {
        return key;
    }

    /**
     * Verifies a token as a relying party would (RS256 only, signature by {@code key}, issuer, exp and iat required)
     * and returns its claims; fails with an AssertionError that names the token, never shows it.
     */
    public static JwtClaims verify(Token token, IssuerKey key, String issuer) {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(key.publicKey())
                    .setJwsAlgorithmConstraints(
                            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                    .setExpectedIssuer(issuer)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setRequireSubject()
                    .setSkipDefaultAudienceValidation()
                    .build()
                    .processToClaims(token.jwt());
        } catch (InvalidJwtException e) {
            throw new AssertionError(token + " does not verify with " + key + " and issuer " + issuer + ": "
                    + Redact.text(String.valueOf(e.getMessage())));
        }
    }

    /** The kid header of a compact JWS, or null. */
    public static String kidOf(Token token) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setCompactSerialization(token.jwt());
            return jws.getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new AssertionError(token + " is not a compact JWS: " + e.getMessage());
        }
    }

    /** A diner of a table; the subject is new and unique. */
    public Builder diner(int tableId, int storeId, long tableSession, String nickname) {
        return new Builder("diner '" + nickname + "' of table " + tableId)
                .groups("diner")
                .claim("tableId", (long) tableId)
                .claim("storeId", (long) storeId)
                .claim("tableSession", tableSession)
                .nickname(nickname)
                .table(tableId, storeId);
    }

    /** Staff of a store; the subject is new and unique. */
    public Builder staff(int storeId, String username) {
        return new Builder("staff '" + username + "' of store " + storeId)
                .groups("staff")
                .claim("storeId", (long) storeId)
                .nickname(username)
                .table(null, storeId);
    }

    /** One token being built; every setter returns this. */
    public final class Builder {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private String description;
        private String subject = "it-" + UUID.randomUUID();
        private String tokenIssuer = issuer;
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofHours(1);
        private Instant expiresAt;
        private IssuerKey signer = key;
        private String kid = key.kid();
        private String nickname;
        private String phone;
        private Integer tableId;
        private Integer storeId;

        private Builder(String description) {
            this.description = description;
        }

        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Builder groups(String... groups) {
            return claim("groups", List.of(groups));
        }

        public Builder subject(String newSubject) {
            this.subject = newSubject;
            return this;
        }

        public Builder nickname(String newNickname) {
            this.nickname = newNickname;
            return claim("nickname", newNickname);
        }

        public Builder phone(String newPhone) {
            this.phone = newPhone;
            return claim("phone", newPhone);
        }

        public Builder issuer(String newIssuer) {
            this.tokenIssuer = newIssuer;
            return describe("issuer " + newIssuer);
        }

        /** Expires this long after now (negative: already expired; iat is then before exp). */
        public Builder expiresIn(Duration fromNow) {
            Instant now = Instant.now();
            this.expiresAt = now.plus(fromNow);
            if (!issuedAt.isBefore(expiresAt)) {
                issuedAt = expiresAt.minus(Duration.ofMinutes(10));
            }
            return describe("expiring " + expiresAt);
        }

        /** Signed by another key (its kid stays the run's, as a forger would write it). */
        public Builder signedBy(IssuerKey other) {
            this.signer = other;
            return describe("signed by another key");
        }

        public Builder kid(String newKid) {
            this.kid = newKid;
            return this;
        }

        public Builder describe(String more) {
            this.description = description + ", " + more;
            return this;
        }

        private Builder table(Integer newTableId, Integer newStoreId) {
            this.tableId = newTableId;
            this.storeId = newStoreId;
            return this;
        }

        /** The claims as JSON (for tokens built by hand, e.g. unsigned). */
        public String claimsJson() {
            return claims().toJson();
        }

        public Token mint() {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims().toJson());
            jws.setKey(signer.privateKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setHeader("typ", "JWT");
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            try {
                return new Token(jws.getCompactSerialization(), description, null, nickname, tableId, storeId, phone);
            } catch (JoseException e) {
                throw new IllegalStateException("cannot sign a token", e);
            }
        }

        /** The same claims with {@code "alg":"none"} and no signature. */
        public Token mintUnsigned() {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String payload = b64.encodeToString(claims().toJson().getBytes(StandardCharsets.UTF_8));
            return new Token(
                    header + "." + payload + ".",
                    description + ", unsigned (alg none)",
                    null,
                    nickname,
                    tableId,
                    storeId,
                    phone);
        }

        private JwtClaims claims() {
            JwtClaims jwt = new JwtClaims();
            jwt.setIssuer(tokenIssuer);
            jwt.setSubject(subject);
            jwt.setClaim("upn", subject);
            jwt.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            Instant exp = expiresAt != null ? expiresAt : issuedAt.plus(lifetime);
            jwt.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
            jwt.setJwtId(UUID.randomUUID().toString());
            claims.forEach(jwt::setClaim);
            return jwt;
        }
    }
}
