package app.tablecart.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server under test: a fresh database (an H2 folder, or a PostgreSQL role and schema {@code tc_bench_<hex>}
 * created here and dropped at the end, like the integration tests do) and Payara Micro running the built WAR at
 * context root {@code /} on a free port, with the run profile's Payara options and a fixed heap. Also reads its memory and CPU.
 */
final class Server implements AutoCloseable {

    private final Config cfg;
    private final Path dir;
    private final Path signingKey;
    private final Path h2Dir;
    private final String pgName;
    private Process process;
    private int port;
    private int starts;

    private Server(Config cfg, Path dir, Path signingKey) throws Exception {
        this.cfg = cfg;
        this.dir = dir;
        this.signingKey = signingKey;
        Files.createDirectories(dir);
        if (cfg.db == Config.Db.H2) {
            h2Dir = dir.resolve("h2");
            Files.createDirectories(h2Dir);
            pgName = null;
        } else {
            h2Dir = null;
            pgName = "tc_bench_" + HexFormat.of().formatHex(random(6));
            try (Connection admin = DriverManager.getConnection(cfg.pgUrl, cfg.pgUser, null);
                    Statement sql = admin.createStatement()) {
                sql.execute("CREATE ROLE " + pgName + " LOGIN");
                sql.execute("CREATE SCHEMA " + pgName + " AUTHORIZATION " + pgName);
            }
            Bench.log("PostgreSQL role and schema " + pgName + " created at " + cfg.pgUrl);
        }
    }

    static Server create(Config cfg, Path dir, Path signingKey) throws Exception {
        return new Server(cfg, dir, signingKey);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    String wsBase() {
        return "ws://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts Payara Micro and waits until {@code /health/ready} answers 200 (database reachable, schema migrated). */
    void start() throws Exception {
        port = freePort();
        starts++;
        List<String> cmd = new ArrayList<>();
        cmd.add(cfg.serverJava);
        cmd.add(cfg.xmxArg());
        cmd.addAll(cfg.serverJvmArgs);
        cmd.add("-Dtablecart.auth.signing-key=" + signingKey);
        cmd.add("-Dtablecart.demo=true");
        if (h2Dir != null) {
            cmd.add("-Dtablecart.data.dir=" + h2Dir);
        } else {
            cmd.add("-Dtablecart.data.dir=" + dir.resolve("data"));
            cmd.add("-Dtablecart.db.datasource=org.postgresql.ds.PGSimpleDataSource");
            cmd.add("-Dtablecart.db.url=" + appPgUrl());
            cmd.add("-Dtablecart.db.user=" + pgName);
        }
        cmd.add("-jar");
        cmd.add(cfg.payaraJar.toString());
        cmd.add("--deploy");
        cmd.add(cfg.war.toString());
        cmd.add("--contextroot");
        cmd.add("/");
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        cmd.addAll(cfg.payaraOptions); // the run profile's own
        cmd.add("--rootdir");
        cmd.add(dir.resolve("payara-" + starts).toString());
        if (cfg.db == Config.Db.POSTGRESQL) {
            cmd.add("--addlibs");
            cmd.add(cfg.pgJar.toString());
        }
        Path log = dir.resolve("server-" + starts + ".log");
        Bench.log("starting Payara Micro (" + cfg.xmxArg() + ", port " + port + ", log " + log + ")");
        long t0 = System.nanoTime();
        process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(cfg.startTimeoutS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "Payara Micro exited with " + process.exitValue() + "; see " + log + "\n" + tail(log, 30));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Payara Micro not ready after " + cfg.startTimeoutS + " s; see " + log + "\n" + tail(log, 30));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/health/ready"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        Bench.log(String.format("server ready in %.1f s, pid %d", (System.nanoTime() - t0) / 1e9, pid()));
    }

    /** SIGTERM, then SIGKILL after 30 s. Only this process, by its own handle. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            Bench.log("server did not stop on SIGTERM within 30 s; killing pid " + process.pid());
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /**
     * A JDBC connection to the server's database as the application's user. For H2 only while the server is
     * stopped (the embedded database is locked by the server's process).
     */
    Connection jdbc() throws SQLException {
        if (h2Dir != null) {
            if (running()) {
                throw new IllegalStateException("H2 is embedded in the running server; stop it first");
            }
            return DriverManager.getConnection("jdbc:h2:file:" + h2Dir.resolve("tablecart"), "sa", "tablecart");
        }
        return DriverManager.getConnection(appPgUrl(), pgName, null);
    }

    /**
     * PostgreSQL's statistics of the run's tables, taken now. This machine's PostgreSQL runs with autovacuum off, so
     * without this its planner keeps the statistics of the moment they were last taken: taken when the carts were
     * empty, it joins every cart line of the database into each change's cart query (a hash join over a scan of
     * {@code cart_line}: half of PostgreSQL's CPU at b). A production database's autovacuum keeps them current; the
     * bench takes them once the warm-up has filled the carts. Cached plans are made again after it. H2 analyzes by
     * itself.
     *
     * @return PostgreSQL's {@code autovacuum} setting, for the report; null on H2 (nothing done)
     */
    String analyze() throws SQLException {
        if (h2Dir != null) {
            return null;
        }
        try (Connection c = jdbc();
                Statement st = c.createStatement();
                var rs = st.executeQuery(
                        "select string_agg(quote_ident(tablename), ', '), current_setting('autovacuum') "
                                + "from pg_tables where schemaname = current_schema()")) {
            rs.next();
            String tables = rs.getString(1);
            String autovacuum = rs.getString(2);
            st.execute("analyze " + tables); // a statement's next execution closes its result set
            return autovacuum;
        }
    }

    private String appPgUrl() {
        return cfg.pgUrl + (cfg.pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + pgName;
    }

    // ---- measurements --------------------------------------------------------------------------------------------

    /** Resident memory and threads from /proc/<pid>/status. */
    Map<String, Long> procStatus() throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                m.put("rss_kb", Long.parseLong(line.replaceAll("\\D", "")));
            } else if (line.startsWith("Threads:")) {
                m.put("threads", Long.parseLong(line.replaceAll("\\D", "")));
            }
        }
        return m;
    }

    /** User + system CPU time of the server process, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
    }

    /**
     * User + system CPU time of the server's JIT compiler threads (C1 and C2), in seconds. Threads the JVM retired
     * take their time with them; callers take differences over short steps and clamp them at 0.
     */
    double compilerCpuSeconds() throws IOException {
        double seconds = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException exited) {
                    continue;
                }
                int close = stat.lastIndexOf(')');
                String name = stat.substring(stat.indexOf('(') + 1, close);
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] f = stat.substring(close + 2).split(" ");
                    seconds += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
                }
            }
        }
        return seconds;
    }

    /** Open file descriptors of the server (sockets included). */
    long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * A full GC ({@code jcmd GC.run}), then the heap in use ({@code GC.heap_info}), resident memory and threads. Heap
     * "used" is the sum of the heap's lines (G1: one; Serial/Parallel: one per generation).
     */
    Map<String, Object> memoryAfterFullGc() throws Exception {
        String jcmd = Path.of(cfg.serverJava).getParent().resolve("jcmd").toString();
        run(jcmd, Long.toString(pid()), "GC.run");
        Thread.sleep(1000);
        String info = run(jcmd, Long.toString(pid()), "GC.heap_info");
        long used = 0;
        long committed = 0;
        Matcher m = Pattern.compile("(heap|generation|PSYoungGen|ParOldGen)\\s+total (\\d+)K, used (\\d+)K")
                .matcher(info);
        while (m.find()) {
            committed += Long.parseLong(m.group(2));
            used += Long.parseLong(m.group(3));
        }
        Matcher meta = Pattern.compile("Metaspace\\s+used (\\d+)K").matcher(info);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put(
                "gc",
                info.contains("garbage-first")
                        ? "G1"
                        : info.contains("def new generation")
                                ? "Serial"
                                : info.contains("PSYoungGen") ? "Parallel" : "other");
        r.put("heap_used_kb", used);
        r.put("heap_committed_kb", committed);
        r.put("metaspace_used_kb", meta.find() ? Long.parseLong(meta.group(1)) : -1);
        r.putAll(procStatus());
        r.put("open_files", openFiles());
        return r;
    }

    /** The heap's biggest classes (jcmd GC.class_histogram, which runs a full GC first): the top lines. */
    String classHistogram(Path file, int lines) throws Exception {
        String jcmd = Path.of(cfg.serverJava).getParent().resolve("jcmd").toString();
        String out = run(jcmd, Long.toString(pid()), "GC.class_histogram");
        Files.writeString(file, out);
        String[] all = out.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, 0, Math.min(all.length, lines + 3)));
    }

    /** Starts a flight recording (profile settings) in the running server. */
    void startRecording() throws Exception {
        String jcmd = Path.of(cfg.serverJava).getParent().resolve("jcmd").toString();
        run(jcmd, Long.toString(pid()), "JFR.start", "name=bench", "settings=profile");
    }

    /** Stops the recording and writes it to {@code file}. */
    void stopRecording(Path file) throws Exception {
        String jcmd = Path.of(cfg.serverJava).getParent().resolve("jcmd").toString();
        run(jcmd, Long.toString(pid()), "JFR.stop", "name=bench", "filename=" + file);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 60 s");
        }
        return out;
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server and removes its database: the H2 folder, or the PostgreSQL schema and role. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pgName != null) {
            try (Connection admin = DriverManager.getConnection(cfg.pgUrl, cfg.pgUser, null);
                    Statement sql = admin.createStatement()) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + pgName + "'");
                sql.execute("DROP SCHEMA IF EXISTS " + pgName + " CASCADE");
                sql.execute("DROP ROLE IF EXISTS " + pgName);
                Bench.log("PostgreSQL schema and role " + pgName + " dropped");
            } catch (SQLException e) {
                Bench.log("could not drop PostgreSQL schema/role " + pgName + ": " + e);
            }
        }
        for (Path p : new Path[] {h2Dir, dir.resolve("data")}) {
            deleteTree(p);
        }
        for (int i = 1; i <= starts; i++) {
            deleteTree(dir.resolve("payara-" + i));
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            Bench.log("could not delete " + root + ": " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
