package app.tablecart.realtime;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Keeps the handshake headers an endpoint checks in {@code @OnOpen} (token, origin, host). The container hands
 * each handshake its own endpoint configuration, so nothing is shared between concurrent handshakes.
 */
public class HandshakeHeaders extends ServerEndpointConfig.Configurator {

    public static final String AUTHORIZATION = "Authorization";
    public static final String ORIGIN = "Origin";
    public static final String HOST = "Host";

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

    private static String first(Map<String, List<String>> headers, String name) {
        for (var header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
