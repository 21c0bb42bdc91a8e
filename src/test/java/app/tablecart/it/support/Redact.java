package app.tablecart.it.support;

import java.net.URI;
import java.util.regex.Pattern;

/** Keeps tokens out of assertion messages and logs: JWT-shaped text and access_token values are replaced. */
public final class Redact {

    /** Every JWT starts with the base64url of {@code {"}: "eyJ"; header.payload is enough to match. */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]*)?");

    private static final Pattern QUERY_TOKEN = Pattern.compile("(access_token=)[^&\\s\"']*");
    private static final Pattern BEARER = Pattern.compile("(Bearer\\s+)\\S+");

    private Redact() {}

    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String result = JWT.matcher(text).replaceAll("<token>");
        result = QUERY_TOKEN.matcher(result).replaceAll("$1<token>");
        return BEARER.matcher(result).replaceAll("$1<token>");
    }

    public static String uri(URI uri) {
        return text(String.valueOf(uri));
    }
}
