package app.tablecart.table.entity;

import java.security.SecureRandom;
import java.util.Base64;

/** A table's join code: 128 random bits, URL-safe, so it fits a QR code's link. */
public final class JoinCode {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JoinCode() {}

    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
