package app.tablecart.it.support;

import java.time.Duration;

/** Reads the application's metrics (Prometheus text of {@code /metrics?scope=application}). */
public final class Metrics {

    public enum Kind {
        SSE("sse"),
        WEBSOCKET("websocket");

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
        String text = scrape();
        String label = "kind=\"" + kind.label + "\"";
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("tablecart_connections") && trimmed.contains(label)) {
                String[] tokens = trimmed.split("\\s+");
                sum += Double.parseDouble(tokens[tokens.length - 1]);
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError(
                    "no tablecart_connections{" + label + "} in /metrics?scope=application:\n" + Api.abbreviate(text));
        }
        return Math.round(sum);
    }

    /** A histogram's {@code _count}, {@code _sum} and {@code _max}, e.g. {@code tablecart_cart_batch}. */
    public Histogram histogram(String name) {
        String text = scrape();
        double[] values = {Double.NaN, Double.NaN, Double.NaN};
        String[] suffixes = {"_count", "_sum", "_max"};
        for (String line : text.split("\n")) {
            String trimmed = line.trim();
            for (int i = 0; i < suffixes.length; i++) {
                String series = name + suffixes[i];
                if (trimmed.startsWith(series + "{") || trimmed.startsWith(series + " ")) {
                    String[] tokens = trimmed.split("\\s+");
                    values[i] = Double.parseDouble(tokens[tokens.length - 1]);
                }
            }
        }
        if (Double.isNaN(values[0]) || Double.isNaN(values[1]) || Double.isNaN(values[2])) {
            throw new AssertionError(
                    "no histogram " + name + " in /metrics?scope=application:\n" + Api.abbreviate(text));
        }
        return new Histogram(Math.round(values[0]), values[1], values[2]);
    }

    public record Histogram(long count, double sum, double max) {}

    private String scrape() {
        Api.Response response =
                server.api().send("GET", server.atRoot("metrics?scope=application"), null, null, "text/plain");
        if (response.status() != 200) {
            throw new AssertionError("metrics not available: " + response);
        }
        return response.body();
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
