package app.tablecart.it.support;

import java.time.Duration;

/** Reads the {@code tablecart_connections} gauge (Prometheus text of {@code /metrics?scope=application}). */
public final class Metrics {

    public enum Kind {
        SSE("sse"), WEBSOCKET("websocket");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Server server;

    Metrics(Server server) {
        this.server = server;
    }

    /** Currently open connections of this kind, as the server reports them. */
    public long connections(Kind kind) {
        Api.Response response = server.api().send("GET", server.atRoot("metrics?scope=application"), null, null,
                "text/plain");
        if (response.status() != 200) {
            throw new AssertionError("metrics not available: " + response);
        }
        String label = "kind=\"" + kind.label + "\"";
        double sum = 0;
        boolean found = false;
        for (String line : response.body().split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("tablecart_connections") && trimmed.contains(label)) {
                String[] tokens = trimmed.split("\\s+");
                sum += Double.parseDouble(tokens[tokens.length - 1]);
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no tablecart_connections{" + label + "} in /metrics?scope=application:\n"
                    + Api.abbreviate(response.body()));
        }
        return Math.round(sum);
    }

    /** Waits until the gauge shows exactly {@code expected}. */
    public void awaitConnections(Kind kind, long expected, Duration timeout) {
        long[] seen = {-1};
        try {
            Await.until("tablecart_connections{kind=" + kind.label + "} == " + expected, timeout, () -> {
                seen[0] = connections(kind);
                return seen[0] == expected;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last value " + seen[0], e);
        }
    }
}
