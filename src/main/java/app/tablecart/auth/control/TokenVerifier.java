package app.tablecart.auth.control;

import app.tablecart.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

/**
 * Verifies a token handed over as {@code ?access_token=} (or read from a WebSocket handshake), where Payara's
 * MicroProfile JWT does not look. It reads the very {@code mp.jwt.verify.*} settings MicroProfile JWT uses (key or
 * key location — PEM or JWKS, file, class path or URL — issuer, clock skew), so both paths trust the same tokens.
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey")
    Optional<String> publicKey;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.publickey.location")
    Optional<String> publicKeyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "0")
    int clockSkewSeconds;

    private JwtConsumer consumer;

    @PostConstruct
    void configure() {
        var builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);
        String key = publicKey.orElse(null);
        if (key == null) {
            String location = publicKeyLocation.orElseThrow(() -> new IllegalStateException(
                    "no token verification key: set mp.jwt.verify.publickey or mp.jwt.verify.publickey.location"));
            if (location.startsWith("http://") || location.startsWith("https://")) {
                builder.setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(location)));
                consumer = builder.build();
                return;
            }
            key = read(location);
        }
        if (key.trim().startsWith("{")) {
            try {
                builder.setVerificationKeyResolver(
                        new JwksVerificationKeyResolver(new JsonWebKeySet(key).getJsonWebKeys()));
            } catch (org.jose4j.lang.JoseException e) {
                throw new IllegalStateException("the configured JWKS cannot be read", e);
            }
        } else {
            builder.setVerificationKey(pemPublicKey(key));
        }
        consumer = builder.build();
    }

    /** The clock skew allowed for {@code exp} and {@code nbf} ({@code mp.jwt.verify.clock.skew}). */
    public int clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /** The token's claims; 401 otherwise. */
    public JwtClaims verify(String token) {
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("a token is required");
        }
        try {
            return consumer.processToClaims(token.trim());
        } catch (InvalidJwtException invalid) {
            if (invalid.hasExpired()
                    && invalid.getErrorDetails().stream().allMatch(e -> e.getErrorCode() == ErrorCodes.EXPIRED)) {
                throw ApiException.unauthorized("the token has expired");
            }
            throw ApiException.unauthorized("the token is not valid");
        }
    }

    private static String read(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        Path file = Path.of(path);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            String resource = path.startsWith("/") ? path.substring(1) : path;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("token verification key not found at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token verification key " + location, e);
        }
    }

    private static PublicKey pemPublicKey(String pem) {
        try {
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("mp.jwt.verify.publickey is not an RSA public key in PEM form", e);
        }
    }
}
