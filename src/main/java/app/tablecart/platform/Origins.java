package app.tablecart.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser origins may call tablecart: its own, plus {@code tablecart.cors.origins}. One list for CORS on REST
 * and SSE and for the WebSocket handshake's {@code Origin}.
 */
@ApplicationScoped
public class Origins {

    @Inject
    @ConfigProperty(name = "tablecart.cors.origins")
    Optional<String> configured; // comma-separated; Payara cannot inject Optional<List<String>>

    private Set<String> allowed;

    /** Whether a cross-origin request from {@code origin} is allowed (the service's own origin is not asked here). */
    public boolean isListed(String origin) {
        if (allowed == null) {
            allowed = Arrays.stream(configured.orElse("").split(","))
                    .map(String::strip)
                    .filter(o -> !o.isEmpty())
                    .map(Origins::normalise)
                    .collect(Collectors.toUnmodifiableSet());
        }
        return origin != null && allowed.contains(normalise(origin));
    }

    /** A browser sends {@code Origin} with every WebSocket handshake: same host and port as the request, or listed. */
    /** Refuses (403 {@code forbidden_origin}) a browser page from an origin that may not open a socket here. */
    public void requireMayConnect(String origin, String host) {
        if (!mayConnect(origin, host)) {
            throw new ApiException(Problem.FORBIDDEN, "forbidden_origin", "this page's origin may not connect");
        }
    }

    public boolean mayConnect(String origin, String host) {
        if (origin == null) {
            return true; // not a browser: nothing for an origin check to protect
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            return originHost.equalsIgnoreCase(host) || isListed(origin);
        } catch (IllegalArgumentException garbled) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String o = origin.strip().toLowerCase(java.util.Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
