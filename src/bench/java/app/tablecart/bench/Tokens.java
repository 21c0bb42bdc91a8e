package app.tablecart.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The bench's own signing key, given to the server as {@code -Dtablecart.auth.signing-key} (PKCS#8 PEM), and the
 * tokens it mints with it: RS256, issuer {@code https://tablecart.local}, claims as in the auth contract.
 */
final class Tokens {

    static final String ISSUER = "https://tablecart.local";

    private final KeyPair pair;
    private final String keyId;

    private Tokens(KeyPair pair) throws NoSuchAlgorithmException {
        this.pair = pair;
        byte[] digest =
                MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded());
        this.keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    /** A new 2048-bit key pair; its private key is written to {@code pem} (readable by this user only). */
    static Tokens generate(Path pem) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Tokens tokens = new Tokens(generator.generateKeyPair());
        String text = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(tokens.pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createDirectories(pem.toAbsolutePath().getParent());
        Files.writeString(pem, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(pem, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // the run folder's protection applies
        }
        return tokens;
    }

    /** A diner of the table's current session; one distinct subject per connection (10 connections per user max). */
    String diner(String subject, long storeId, long tableId, long tableSession, String nickname) {
        JwtClaims c = base(subject, "diner");
        c.setClaim("storeId", storeId);
        c.setClaim("tableId", tableId);
        c.setClaim("tableSession", tableSession);
        c.setClaim("nickname", nickname);
        return sign(c);
    }

    /** A staff member of the store (to list its tables, with join codes and sessions). */
    String staff(String subject, long storeId) {
        JwtClaims c = base(subject, "staff");
        c.setClaim("storeId", storeId);
        c.setClaim("nickname", subject);
        return sign(c);
    }

    private static JwtClaims base(String subject, String group) {
        Instant now = Instant.now();
        JwtClaims c = new JwtClaims();
        c.setIssuer(ISSUER);
        c.setSubject(subject);
        c.setClaim("upn", subject);
        c.setStringListClaim("groups", List.of(group));
        c.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        c.setExpirationTime(
                NumericDate.fromSeconds(now.plus(Duration.ofHours(4)).getEpochSecond()));
        c.setJwtId(UUID.randomUUID().toString());
        return c;
    }

    private String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(pair.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
