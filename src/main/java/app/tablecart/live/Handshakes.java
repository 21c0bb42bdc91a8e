package app.tablecart.live;

import app.tablecart.auth.control.Bearer;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the handshake headers an endpoint checks in {@code @OnOpen} (token, origin, host). The container hands
 * each handshake its own endpoint configuration, so nothing is shared between concurrent handshakes. An endpoint's
 * own configurator, extending this one, also makes its instances (see {@link #shared}).
 */
public class Handshakes extends ServerEndpointConfig.Configurator {

    public static final String AUTHORIZATION = "Authorization";
    public static final String ORIGIN = "Origin";
    public static final String HOST = "Host";

    private volatile Object services;

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, Object> properties = config.getUserProperties();
        for (String name : List.of(AUTHORIZATION, ORIGIN, HOST)) {
            String value = first(request.getHeaders(), name);
            if (value != null) {
                properties.put(name, value);
            }
        }
    }

    /** The token of a handshake: the bearer header, else the {@code access_token} query parameter. */
    public static String token(EndpointConfig config, Session session) {
        List<String> query = session.getRequestParameterMap().get(Bearer.QUERY_PARAMETER);
        return Bearer.token(
                (String) config.getUserProperties().get(AUTHORIZATION),
                query == null || query.isEmpty() ? null : query.get(0));
    }

    public static String origin(EndpointConfig config) {
        return (String) config.getUserProperties().get(ORIGIN);
    }

    public static String host(EndpointConfig config) {
        return (String) config.getUserProperties().get(HOST);
    }

    /**
     * The services every connection of an endpoint calls, looked up once for the endpoint by {@code lookUp} (with
     * {@link #bean}), for an endpoint that makes its own instances in {@code getEndpointInstance}: left to the
     * container, every connection gets a CDI injection target of its own and keeps it while it is open (about 2 KB).
     */
    @SuppressWarnings("unchecked")
    protected <S> S shared(Supplier<S> lookUp) {
        Object found = services;
        if (found == null) {
            found = lookUp.get();
            services = found; // two first handshakes at once may both look up: the same beans either way
        }
        return (S) found;
    }

    protected static <B> B bean(Class<B> type) {
        return CDI.current().select(type).get();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (var header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
