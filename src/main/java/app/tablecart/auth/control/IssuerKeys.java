package app.tablecart.auth.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The key pair the service signs its own tokens with: the PKCS#8 PEM at {@code tablecart.auth.signing-key} (shared by
 * every instance), or, when that is not set, one created on first start in {@code ${tablecart.data.dir}/issuer/} and
 * kept there.
 * <p>
 * Payara's MicroProfile JWT reads its verification key while the application deploys, before CDI or Config
 * injection run, so the key is loaded here from system properties and environment variables directly (the same
 * names MicroProfile Config maps) by {@link IssuerKeyConfigSource}.
 */
public final class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    private static volatile IssuerKeys instance;

    private final RSAPrivateCrtKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    private IssuerKeys(RSAPrivateCrtKey privateKey) throws GeneralSecurityException {
        this.privateKey = privateKey;
        this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
        this.keyId = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }

    public static IssuerKeys get() {
        IssuerKeys keys = instance;
        if (keys == null) {
            synchronized (IssuerKeys.class) {
                keys = instance;
                if (keys == null) {
                    keys = load(location());
                    instance = keys;
                }
            }
        }
        return keys;
    }

    public RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} of our tokens and of the key in {@code /.well-known/jwks.json}. */
    public String keyId() {
        return keyId;
    }

    /** The public key as PEM, the form {@code mp.jwt.verify.publickey} takes. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    static Path location() {
        String configured = setting("tablecart.auth.signing-key", null);
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(setting("tablecart.data.dir", "./data"), "issuer", "private-key.pem");
    }

    /** A setting as MicroProfile Config would see it from a system property or an environment variable. */
    static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static IssuerKeys load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            String base64 =
                    pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            var key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new IssuerKeys((RSAPrivateCrtKey) key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the token signing key " + file + " is not an RSA PKCS#8 PEM key", e);
        }
    }

    /** Writes a new pair, readable by this user only; a concurrent first start of another instance wins ties. */
    private static void create(Path file) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "private-key", ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the folder's own protection applies
        }
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "Created the token signing key " + file);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
            Files.deleteIfExists(temp);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
