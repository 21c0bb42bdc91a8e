package app.tablecart.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Staff passwords, kept only as PBKDF2 hashes (Jakarta Security's {@link Pbkdf2PasswordHash}, HMAC-SHA256). New
 * hashes take {@code tablecart.auth.password-iterations} rounds (OWASP's 600,000 by default, about 0.2 s on these
 * machines); a stored hash names its own rounds, so older ones still verify.
 */
@ApplicationScoped
public class Passwords {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    @Inject
    @ConfigProperty(name = "tablecart.auth.password-iterations")
    int iterations;

    private volatile String unknownAccount;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm",
                "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations",
                Integer.toString(iterations)));
    }

    public String hash(char[] password) {
        return pbkdf2.generate(password);
    }

    /**
     * Whether the password matches the stored hash; with no hash (no such account) it costs the same as with one,
     * so the time a sign-in takes does not tell which usernames exist.
     */
    public boolean matches(char[] password, String storedHash) {
        boolean known = storedHash != null;
        return pbkdf2.verify(password, known ? storedHash : unknownAccountHash()) && known;
    }

    /** A hash no password matches, made like every new one. */
    private String unknownAccountHash() {
        String hash = unknownAccount;
        if (hash == null) {
            hash = hash(UUID.randomUUID().toString().toCharArray());
            unknownAccount = hash;
        }
        return hash;
    }
}
