package app.tablecart.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * An RSA-2048 key pair of a test run: written as PEM files (PKCS#8 private key, X.509 SubjectPublicKeyInfo public
 * key) and named by its key id, as the auth contract defines it: base64url (no padding) of the first 16 bytes of the
 * SHA-256 of the public key's DER encoding.
 */
public record IssuerKey(RSAPublicKey publicKey, RSAPrivateKey privateKey, String kid) {

    /** A new key pair (not written anywhere). */
    public static IssuerKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            return new IssuerKey(publicKey, (RSAPrivateKey) pair.getPrivate(), kidOf(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** The contract's kid: base64url of the first 16 bytes of SHA-256(public key DER). */
    public static String kidOf(RSAPublicKey publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code -----BEGIN PRIVATE KEY-----} (PKCS#8). */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    public Path writePrivateKey(Path file) {
        return write(file, privateKeyPem());
    }

    public Path writePublicKey(Path file) {
        return write(file, publicKeyPem());
    }

    /** The JWK {@code n} / {@code e} values (base64url, unsigned big-endian) of the public key. */
    public String modulusBase64Url() {
        return base64UrlUnsigned(publicKey.getModulus());
    }

    public String exponentBase64Url() {
        return base64UrlUnsigned(publicKey.getPublicExponent());
    }

    private static String base64UrlUnsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "IssuerKey[kid=" + kid + "]";
    }
}
