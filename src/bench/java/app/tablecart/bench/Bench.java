package app.tablecart.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntUnaryOperator;

/**
 * tablecart's load benchmark: one scenario per run, against a Payara Micro it starts itself on 127.0.0.1 with a
 * fresh database, a fixed heap and a signing key it generated (so it can mint diner tokens). See
 * README "Performance" for the commands and what is measured.
 * <ul>
 *   <li>a, b, b2: T tables × D diners (a share on SSE, the rest on WebSocket), all connected, then changes at a
 *       target rate for a warm-up and a measured window; fan-out latency for every subscriber, lost updates, final
 *       carts, memory, CPU.</li>
 *   <li>c: 10,000 idle connections held, SSE and WebSocket each on a fresh server: memory per connection.</li>
 *   <li>d: a ramp of rates on T × D; the highest rate whose p99 stays under the bound.</li>
 * </ul>
 */
public final class Bench {

    private static final long T0 = System.nanoTime();

    private Bench() {}

    static void log(String message) {
        System.out.printf("[bench %7.1fs] %s%n", (System.nanoTime() - T0) / 1e9, message);
        System.out.flush();
    }

    static double generatorCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    public static void main(String[] args) throws Exception {
        Config cfg = Config.fromSystemProperties();
        for (Path p : new Path[] {cfg.war, cfg.payaraJar}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException(p + " not found: build first (mvn -Pbench does: package)");
            }
        }
        if (cfg.db == Config.Db.POSTGRESQL && !Files.isRegularFile(cfg.pgJar)) {
            throw new IllegalStateException(cfg.pgJar + " not found (mvn package copies it)");
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC)
                .format(Instant.now());
        Path runDir = cfg.outDir
                .resolve("runs")
                .resolve(stamp + "-" + cfg.scenario + "-" + cfg.db.name().toLowerCase());
        Files.createDirectories(runDir);
        log("scenario " + cfg.scenario + " on " + cfg.db + ", server " + cfg.xmxArg() + ", run folder " + runDir
                + ", open-file limit " + openFileLimit());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(
                "date",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        result.put("scenario", cfg.scenario);
        result.put("db", cfg.db.name().toLowerCase());
        result.put("machine", machine());
        result.put("server_jdk", jdkOf(cfg.serverJava));
        result.put("server_xmx", cfg.xmx);
        result.put("server_jvm_args", String.join(" ", cfg.serverJvmArgs));
        result.put("server_http_threads", cfg.serverHttpThreads);
        result.put("generator_jdk", System.getProperty("java.version"));
        result.put("open_file_limit", openFileLimit());
        switch (cfg.scenario) {
            case "a", "b", "b2" -> load(cfg, runDir, result);
            case "c" -> idle(cfg, runDir, result);
            case "d" -> ramp(cfg, runDir, result);
            default -> throw new IllegalArgumentException(cfg.scenario);
        }
        result.put("generator_cpu_s_total", round(generatorCpuSeconds()));
        result.put("targets", Targets.check(cfg, result));
        result.put(
                "run_dir",
                cfg.outDir.getParent() == null
                        ? runDir.toString()
                        : cfg.outDir.getParent().relativize(runDir).toString());
        String summary = Report.summary(result);
        System.out.println();
        System.out.println(summary);
        Files.writeString(runDir.resolve("summary.txt"), summary);
        String line = Json.write(result);
        Files.writeString(runDir.resolve("result.json"), line + "\n");
        Files.writeString(
                cfg.outDir.resolve("results.jsonl"),
                line + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        log("appended one line to " + cfg.outDir.resolve("results.jsonl"));
        System.exit(0);
    }

    /**
     * Drives {@code bench.warmup-rate} changes/s until the server's JIT compilers settle: in steps of 15 s, for at
     * least {@code bench.warmup-min} s, ending after the first step in which they used under 5 % of one core, or after
     * {@code bench.warmup} s. A server that is still compiling spends a third of its CPU on it (b, 2 cores), which no
     * restaurant's server does an hour into service. Returns the last step (null without warm-up) and records the
     * warm-up in the result. Then PostgreSQL's statistics are taken, of carts as the warm-up filled them
     * ({@link Server#analyze}).
     */
    private static Phase warmUp(Config cfg, Load load, Map<String, Object> result) throws SQLException {
        if (cfg.warmupS <= 0 || cfg.warmupRate <= 0) {
            return null;
        }
        log("warm-up: " + cfg.warmupRate + " changes/s until the JIT compilers settle (" + cfg.warmupMinS + " to "
                + cfg.warmupS + " s; not in the figures)");
        final int stepS = 15;
        final double settledShare = 0.05;
        List<Double> shares = new ArrayList<>();
        Phase step = null;
        int elapsed = 0;
        boolean settled = false;
        while (elapsed < cfg.warmupS && !settled) {
            int s = Math.min(stepS, cfg.warmupS - elapsed);
            step = new Phase("warmup", cfg.warmupRate);
            load.drive(step, s);
            double share = step.serverJitCpuS / step.seconds();
            shares.add(round(share));
            elapsed += s;
            settled = elapsed >= cfg.warmupMinS && share < settledShare;
        }
        log("warm-up: " + elapsed + " s; JIT compilers' share of one core per 15 s step: " + shares
                + (settled ? "" : " (not settled: measuring anyway)"));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("seconds", elapsed);
        w.put("rate", cfg.warmupRate);
        w.put("jit_settled", settled);
        w.put("jit_core_share_per_step", shares);
        String autovacuum = load.server.analyze();
        if (autovacuum != null) {
            log("PostgreSQL statistics taken after the warm-up (autovacuum is " + autovacuum + " on this database)");
            w.put("postgresql_analyzed_after", true);
            w.put("postgresql_autovacuum", autovacuum);
        }
        result.put("warmup", w);
        return step;
    }

    // ---- scenarios a, b, b2 --------------------------------------------------------------------------------------

    private static void load(Config cfg, Path runDir, Map<String, Object> result) throws Exception {
        Tokens tokens = Tokens.generate(runDir.resolve("signing-key.pem"));
        try (Server server = Server.create(cfg, runDir, runDir.resolve("signing-key.pem"));
                AutoCloseable hook = onExit(server)) {
            server.start();
            List<Fixture.Table> fixture = Fixture.create(cfg, server, tokens);
            try (Load load = new Load(cfg, server)) {
                load.plan(fixture, tokens, sseSplit(cfg, true));
                result.put("config", config(cfg, load));
                Map<String, Object> memory = new LinkedHashMap<>();
                memory.put("before_connections_after_full_gc", server.memoryAfterFullGc());
                load.connect(load.conns);
                result.put("connections", load.connectionCounts(load.conns));
                memory.put("connected_after_full_gc", server.memoryAfterFullGc());
                List<Map<String, Object>> phases = new ArrayList<>();
                Phase warm = warmUp(cfg, load, result);
                if (warm != null) {
                    phases.add(Report.phase(warm, cfg));
                }
                Phase measured = new Phase("measured", cfg.rate);
                log("measuring: " + cfg.rate + " changes/s for " + cfg.durationS + " s");
                if (cfg.jfr) {
                    server.startRecording();
                }
                load.drive(measured, cfg.durationS);
                memory.put("under_load", server.procStatus());
                if (cfg.jfr) {
                    Path jfr = runDir.resolve("measured.jfr");
                    server.stopRecording(jfr);
                    Map<String, Object> profile = Profile.summarize(jfr, 15);
                    result.put("profile", profile);
                    Files.writeString(runDir.resolve("profile.json"), Json.write(profile) + "\n");
                }
                load.drain();
                phases.add(Report.phase(measured, cfg));
                result.put("phases", phases);
                result.put("measured", phases.get(phases.size() - 1));
                result.put("verify", load.verify());
                memory.put("after_run_after_full_gc", server.memoryAfterFullGc());
                result.put("server_memory", memory);
                result.put("server_connections_gauge", gauge(server));
                result.put("cart_batches", batches(server));
                result.put("failures", top(load));
            }
        }
    }

    // ---- scenario c ----------------------------------------------------------------------------------------------

    private static void idle(Config cfg, Path runDir, Map<String, Object> result) throws Exception {
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (String kind : cfg.idleKinds.split(",")) {
            kind = kind.trim().toLowerCase();
            boolean sse = kind.equals("sse");
            if (!sse && !kind.equals("ws")) {
                throw new IllegalArgumentException("bench.idle-kinds: sse and/or ws");
            }
            Path dir = runDir.resolve(kind);
            Files.createDirectories(dir);
            Tokens tokens = Tokens.generate(dir.resolve("signing-key.pem"));
            Map<String, Object> r = new LinkedHashMap<>();
            try (Server server = Server.create(cfg, dir, dir.resolve("signing-key.pem"));
                    AutoCloseable hook = onExit(server)) {
                server.start();
                List<Fixture.Table> fixture = Fixture.create(cfg, server, tokens);
                try (Load load = new Load(cfg, server)) {
                    load.plan(fixture, tokens, i -> sse ? cfg.diners : 0);
                    result.putIfAbsent("config", config(cfg, load));
                    int warm = Math.min(20, load.conns.size());
                    Map<String, Object> empty = server.memoryAfterFullGc();
                    load.connect(load.conns.subList(0, warm));
                    Map<String, Object> warmed = server.memoryAfterFullGc();
                    load.connect(load.conns.subList(warm, load.conns.size()));
                    r.put("connections", load.connectionCounts(load.conns));
                    Map<String, Object> held = new LinkedHashMap<>();
                    log("holding "
                            + load.conns.stream().filter(c -> c.established).count() + " idle " + kind
                            + " connections for " + cfg.holdS + " s");
                    long end = System.nanoTime() + cfg.holdS * 1_000_000_000L;
                    double cpu0 = server.cpuSeconds();
                    while (System.nanoTime() < end) {
                        Thread.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                    }
                    long open = load.conns.stream()
                            .filter(c -> c.established && !c.closed)
                            .count();
                    held.put("open_after_hold", open);
                    held.put(
                            "closed_during_hold",
                            load.conns.stream()
                                    .filter(c -> c.established && c.closed)
                                    .count());
                    held.put("server_cpu_s_during_hold", round(server.cpuSeconds() - cpu0));
                    held.put("server_gauge", gauge(server));
                    held.put("rss_before_gc_kb", server.procStatus().get("rss_kb"));
                    Map<String, Object> full = server.memoryAfterFullGc();
                    r.put("heap_histogram_top", server.classHistogram(dir.resolve("class-histogram.txt"), 20));
                    r.put("hold", held);
                    r.put("memory_empty", empty);
                    r.put("memory_warm_" + warm, warmed);
                    r.put("memory_full", full);
                    long n = load.conns.stream()
                            .filter(c -> c.established && !c.closed)
                            .count();
                    r.put("per_connection_kb", perConnection(empty, full, n));
                    r.put("per_connection_marginal_kb", perConnection(warmed, full, Math.max(1, n - warm)));
                    r.put("failures", top(load));
                }
            }
            kinds.put(kind, r);
        }
        result.put("idle", kinds);
    }

    private static Map<String, Object> perConnection(Map<String, Object> before, Map<String, Object> after, long n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("connections", n);
        m.put(
                "heap_after_full_gc",
                round(((Long) after.get("heap_used_kb") - (Long) before.get("heap_used_kb")) / (double) n));
        m.put("rss", round(((Long) after.get("rss_kb") - (Long) before.get("rss_kb")) / (double) n));
        return m;
    }

    // ---- scenario d ----------------------------------------------------------------------------------------------

    private static void ramp(Config cfg, Path runDir, Map<String, Object> result) throws Exception {
        Tokens tokens = Tokens.generate(runDir.resolve("signing-key.pem"));
        try (Server server = Server.create(cfg, runDir, runDir.resolve("signing-key.pem"));
                AutoCloseable hook = onExit(server)) {
            server.start();
            List<Fixture.Table> fixture = Fixture.create(cfg, server, tokens);
            try (Load load = new Load(cfg, server)) {
                load.plan(fixture, tokens, sseSplit(cfg, true));
                result.put("config", config(cfg, load));
                load.connect(load.conns);
                result.put("connections", load.connectionCounts(load.conns));
                List<Map<String, Object>> steps = new ArrayList<>();
                if (!cfg.rampRates.isEmpty()) {
                    warmUp(cfg, load, result);
                    load.drain();
                }
                Map<String, Object> best = null;
                for (double rate : cfg.rampRates) {
                    Phase step = new Phase("ramp-" + (long) rate, rate);
                    log("ramp step: " + rate + " changes/s for " + cfg.rampStepS + " s");
                    Map<String, Object> batchesBefore = batches(server);
                    load.drive(step, cfg.rampStepS);
                    load.drain();
                    Map<String, Object> s = Report.phase(step, cfg);
                    s.put("changes_per_transaction", perTransaction(batchesBefore, batches(server)));
                    Object p99Value = Json.obj(s.get("fanout_ms")).get("p99");
                    double p99 = p99Value == null ? Double.NaN : ((Number) p99Value).doubleValue();
                    double achieved = ((Number) s.get("achieved_changes_per_s")).doubleValue();
                    boolean pass = p99 < cfg.rampP99Ms && achieved >= 0.95 * rate && step.failed.get() == 0;
                    s.put("pass", pass);
                    steps.add(s);
                    log(String.format("  achieved %.0f/s, p99 %.1f ms -> %s", achieved, p99, pass ? "pass" : "FAIL"));
                    if (!pass) {
                        break;
                    }
                    best = s;
                }
                result.put("steps", steps);
                result.put("best_rate_with_p99_under_bound", best == null ? null : best.get("target_rate"));
                result.put(
                        "best_rate_achieved_changes_per_s", best == null ? null : best.get("achieved_changes_per_s"));
                result.put("best_step", best);
                result.put("verify", load.verify());
                result.put("server_memory", Map.of("after_run_after_full_gc", server.memoryAfterFullGc()));
                result.put("cart_batches", batches(server));
                result.put("failures", top(load));
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /**
     * How many of a table's diners are on SSE: spread so the total is as close as possible to the share; a table
     * keeps at least one WebSocket when it has two or more diners (its writer alternates REST and WebSocket).
     */
    private static IntUnaryOperator sseSplit(Config cfg, boolean needsSocket) {
        return i -> {
            double per = cfg.diners * cfg.sseShare;
            int n = (int) (Math.floor((i + 1) * per + 1e-9) - Math.floor(i * per + 1e-9));
            return needsSocket && cfg.diners >= 2 && !"rest".equals(cfg.writes) ? Math.min(n, cfg.diners - 1) : n;
        };
    }

    private static Map<String, Object> config(Config cfg, Load load) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tables", cfg.tables);
        m.put("diners", cfg.diners);
        m.put("connections", load.conns.size());
        m.put("sse_share_target", cfg.sseShare);
        m.put("sse", load.conns.stream().filter(c -> c.kind == Conn.Kind.SSE).count());
        m.put("ws", load.conns.stream().filter(c -> c.kind == Conn.Kind.WS).count());
        m.put("rate", cfg.rate);
        m.put("duration_s", cfg.durationS);
        m.put("warmup_max_s", cfg.warmupS);
        m.put("warmup_min_s", cfg.warmupMinS);
        if ("c".equals(cfg.scenario)) {
            m.put("hold_s", cfg.holdS);
        }
        if ("d".equals(cfg.scenario)) {
            m.put("ramp", cfg.rampRates);
            m.put("ramp_step_s", cfg.rampStepS);
            m.put("ramp_p99_bound_ms", cfg.rampP99Ms);
        }
        m.put("tables_per_store", cfg.tablesPerStore);
        m.put(
                "writes",
                "one writer per table at a time: "
                        + ("alternate".equals(cfg.writes) ? "alternating REST and WebSocket" : cfg.writes + " only"));
        return m;
    }

    private static Map<String, Object> top(Load load) {
        Map<String, Object> m = new LinkedHashMap<>();
        load.failures.entrySet().stream()
                .sorted((a, b) -> b.getValue().get() - a.getValue().get())
                .limit(10)
                .forEach(e -> m.put(e.getKey(), e.getValue().get()));
        return m;
    }

    /** The server's own count of open connections ({@code tablecart_connections}). */
    private static Map<String, Object> gauge(Server server) {
        return fromMetrics(server, (line, m) -> {
            if (line.startsWith("tablecart_connections")) {
                String kind =
                        line.contains("kind=\"sse\"") ? "sse" : line.contains("kind=\"websocket\"") ? "websocket" : "?";
                m.put(kind, value(line));
            }
        });
    }

    /**
     * The server's group commit over the whole run (warm-up included): write transactions, the changes they took,
     * the most in one (the {@code tablecart_cart_batch} histogram).
     */
    private static Map<String, Object> batches(Server server) {
        return fromMetrics(server, (line, m) -> {
            for (String part : new String[] {"count", "sum", "max"}) {
                if (line.startsWith("tablecart_cart_batch_" + part)) {
                    m.put(part, value(line));
                }
            }
        });
    }

    /** Reads {@code /metrics?scope=application} line by line into a map; a failure is recorded, not thrown. */
    private static Map<String, Object> fromMetrics(Server server, BiConsumer<String, Map<String, Object>> reader) {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.base() + "/metrics?scope=application"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                reader.accept(line, m);
            }
        } catch (Exception e) {
            m.put("error", e.toString());
        }
        return m;
    }

    private static long value(String line) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** Changes per write transaction between two readings of {@link #batches}; null if unknown. */
    private static Double perTransaction(Map<String, Object> before, Map<String, Object> after) {
        if (!(before.get("count") instanceof Long c0 && after.get("count") instanceof Long c1 && c1 > c0)) {
            return null;
        }
        double changes = (Long) after.get("sum") - (Long) before.get("sum");
        return Math.round(100 * changes / (c1 - c0)) / 100.0;
    }

    /** Stops the server and drops its database if the bench is interrupted (Ctrl-C). */
    private static AutoCloseable onExit(Server server) {
        Thread hook = new Thread(server::close, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return () -> {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        };
    }

    private static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    m.put("mem_gb", round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0));
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            m.put(
                    "kernel",
                    Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim());
        } catch (IOException e) {
            m.put("error", e.toString());
        }
        m.put("sha256_256mb_ms", calibration());
        return m;
    }

    /**
     * How fast this machine is right now, before anything else runs: one thread hashing 256 MB (best of three). VMs
     * of the same kind differ, and one VM drifts during a day, by a quarter or more: figures of two runs compare only
     * as far as this does.
     */
    private static double calibration() {
        try {
            byte[] chunk = new byte[1 << 20];
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                var sha = java.security.MessageDigest.getInstance("SHA-256");
                long t0 = System.nanoTime();
                for (int i = 0; i < 256; i++) {
                    chunk[i] = (byte) round;
                    sha.update(chunk);
                }
                sha.digest();
                best = Math.min(best, System.nanoTime() - t0);
            }
            return round(best / 1e6);
        } catch (java.security.NoSuchAlgorithmException e) {
            return Double.NaN;
        }
    }

    private static String jdkOf(String java) {
        try {
            Path release = Path.of(java).toRealPath().getParent().getParent().resolve("release");
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring(13).replace("\"", "") + " ("
                            + Path.of(java).toRealPath().getParent().getParent() + ")";
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return java;
    }

    private static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
