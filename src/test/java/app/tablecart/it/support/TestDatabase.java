package app.tablecart.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives every integration-test run its own, fresh database and removes it afterwards.
 * <p>
 * Acts only when the system property {@code tablecart.it.db} is set (the failsafe executions {@code it-h2} and
 * {@code it-postgresql} set it; surefire unit tests are left alone):
 * <ul>
 *   <li>{@code h2}: a new temporary data folder under {@code tablecart.it.work}; deleted when the session closes.</li>
 *   <li>{@code postgresql}: over JDBC to {@code tablecart.it.pg.url} as {@code tablecart.it.pg.user}, a new LOGIN role
 *       and a schema owned by it, both named {@code tc_it_<random>}; the app connects as that role with
 *       {@code ?currentSchema=<schema>}. Dropped (cascade) when the session closes. An unreachable PostgreSQL fails
 *       the run; it never skips.</li>
 * </ul>
 * The settings reach the server through the system properties that the Arquillian Payara Micro container reads
 * when it is created ({@code payara.cmdOptions}: JVM options, split at unescaped spaces;
 * {@code payara.extraMicroOptions}: Payara Micro arguments), so this must run before the first test class, which a
 * {@link LauncherSessionListener} does.
 * <p>
 * Auth (issue 3): every run generates its own RSA-2048 issuer key pair under {@code tablecart.it.work} (PKCS#8 PEM,
 * passed as {@code -Dtablecart.auth.signing-key}; deleted when the session closes) so that tests can mint tokens the
 * server accepts ({@link Settings#signingKey()}, {@link TokenMinter#ofRun()}), and sets the short join window, the
 * connection cap and the CORS origin the auth tests exceed. The server console is captured for the log check
 * ({@link ServerConsole}).
 */
public final class TestDatabase implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(TestDatabase.class.getName());

    /** Line maximum for the tests: the concurrency test builds a line of 200. */
    public static final int MAX_LINE_QUANTITY = 500;

    public static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** Short enough that a test can outlive it; long enough for a retry test's few calls. */
    public static final Duration REQUEST_TTL = Duration.ofSeconds(6);

    public static final Duration SSE_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_PENDING = 128;
    /** Cart changes one write transaction takes at most: small, so that a burst of changes exceeds it. */
    public static final int MAX_BATCH = 4;
    /** Wrong join codes from one address within {@link #JOIN_WINDOW} before joins are refused with 429. */
    public static final int JOIN_FAILURES = 5;

    public static final Duration JOIN_WINDOW = Duration.ofSeconds(5);
    public static final int MAX_CONNECTIONS_PER_USER = 10;
    /** WebSocket messages per second and connection; excess in a row before the socket is closed (defaults). */
    public static final int WS_RATE_LIMIT = 20;

    public static final int WS_FLOOD_LIMIT = 100;
    /** Table messages (table_message, call_staff, staff_message) per user and minute; the default is 20. */
    public static final int MESSAGES_PER_MINUTE = 10;
    /** Characters of a table message's text at most (the default). */
    public static final int MESSAGE_MAX_LENGTH = 280;

    public static final String ALLOWED_ORIGIN = "http://allowed.example";
    /** A WebSocket ping unanswered this long closes the socket (the default: the fan-out test loads the machine). */
    public static final Duration PONG_TIMEOUT = Duration.ofSeconds(5);
    /** How long a request body may take to arrive: short, so a trickling upload's 408 comes within a test. */
    public static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    /** Wrong staff passwords per account, and per address (every test runs from 127.0.0.1), within the window. */
    public static final int PASSWORD_FAILURES = 4;

    public static final int PASSWORD_FAILURES_PER_ADDRESS = 12;
    public static final Duration PASSWORD_WINDOW = Duration.ofSeconds(6);

    public enum Kind {
        H2,
        POSTGRESQL
    }

    /**
     * What this run chose; {@code role} and {@code schema} are null for H2. {@code dataDir} is the app's data folder
     * (H2 database, and for PostgreSQL only files); {@code runDir} holds the run's key files and console copy.
     */
    public record Settings(
            Kind kind,
            int maxLineQuantity,
            Duration heartbeat,
            Duration sseTimeout,
            int maxPending,
            Path dataDir,
            String role,
            String schema,
            String adminUrl,
            String adminUser,
            Path runDir,
            IssuerKey signingKey,
            Path signingKeyFile) {

        /** A new JDBC connection as the administrative PostgreSQL user (not the app's role). */
        public Connection adminConnection() throws SQLException {
            if (kind != Kind.POSTGRESQL) {
                throw new IllegalStateException("no PostgreSQL in a " + kind + " run");
            }
            return DriverManager.getConnection(adminUrl, adminUser, null);
        }
    }

    private static volatile Settings settings;
    private static volatile List<String> jvmOptions = List.of();
    private static volatile List<String> microOptions = List.of();

    /** Payara Micro's arguments of every launch of tablecart: the pom's {@code payara.options}. */
    public static List<String> payaraOptions() {
        return java.util.Arrays.stream(
                        required("tablecart.it.payara-options").trim().split("\\s+"))
                .toList();
    }

    /** The JVM options every server of the run gets (for a server a test starts itself). */
    public static List<String> jvmOptions() {
        return jvmOptions;
    }

    /** The Payara Micro options every server of the run gets, besides the deployment and port. */
    public static List<String> microOptions() {
        return microOptions;
    }

    /** The settings of the running session; fails when the tests were not started by a failsafe execution. */
    public static Settings settings() {
        Settings current = settings;
        if (current == null) {
            throw new IllegalStateException("TestDatabase is not active: run the integration tests through failsafe "
                    + "(mvn verify), which sets -Dtablecart.it.db=h2|postgresql");
        }
        return current;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String db = System.getProperty("tablecart.it.db");
        if (db == null || db.isBlank() || settings != null) {
            return;
        }
        Kind kind = switch (db.trim().toLowerCase(Locale.ROOT)) {
            case "h2" -> Kind.H2;
            case "postgresql" -> Kind.POSTGRESQL;
            default -> throw new IllegalStateException("tablecart.it.db must be h2 or postgresql, not '" + db + "'");
        };
        Path runDir = createRunDir();
        ServerConsole.capture(runDir.resolve("server-console.log"));
        IssuerKey key = IssuerKey.generate();
        Path keyFile = key.writePrivateKey(runDir.resolve("keys").resolve("signing-key.pem"));
        Settings created;
        try {
            created = kind == Kind.H2 ? createH2(runDir, key, keyFile) : createPostgresql(runDir, key, keyFile);
        } catch (RuntimeException e) {
            deleteRecursively(keyFile.getParent());
            throw e;
        }
        settings = created;
        configureContainer(created);
    }

    /** target/it-work/run-<random>: the run's key files and console copy. */
    private static Path createRunDir() {
        Path work = Path.of(required("tablecart.it.work")).toAbsolutePath();
        try {
            Files.createDirectories(work);
            return Files.createTempDirectory(work, "run-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder under " + work, e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        Settings current = settings;
        if (current == null) {
            return;
        }
        settings = null;
        deleteRecursively(current.dataDir());
        deleteRecursively(current.runDir().resolve("keys"));
        if (current.kind() == Kind.POSTGRESQL) {
            dropPostgresql(current);
        }
    }

    // ---- H2 ------------------------------------------------------------------------------------------------------

    private static Settings createH2(Path runDir, IssuerKey key, Path keyFile) {
        Path dataDir = createDataDir("h2-");
        LOG.info("tablecart IT: H2 data folder " + dataDir);
        return new Settings(
                Kind.H2,
                MAX_LINE_QUANTITY,
                HEARTBEAT,
                SSE_TIMEOUT,
                MAX_PENDING,
                dataDir,
                null,
                null,
                null,
                null,
                runDir,
                key,
                keyFile);
    }

    private static Path createDataDir(String prefix) {
        Path work = Path.of(required("tablecart.it.work")).toAbsolutePath();
        try {
            Files.createDirectories(work);
            return Files.createTempDirectory(work, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder under " + work, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warning("tablecart IT: could not delete " + dir + ": " + e);
        }
    }

    // ---- PostgreSQL ----------------------------------------------------------------------------------------------

    private static Settings createPostgresql(Path runDir, IssuerKey key, Path keyFile) {
        String url = required("tablecart.it.pg.url");
        String user = required("tablecart.it.pg.user");
        String name = "tc_it_" + HexFormat.of().formatHex(randomBytes(6));
        try (Connection admin = DriverManager.getConnection(url, user, null);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + name + " LOGIN");
            sql.execute("CREATE SCHEMA " + name + " AUTHORIZATION " + name);
            LOG.info("tablecart IT: PostgreSQL role and schema " + name + " at " + url);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL integration tests need a reachable PostgreSQL at " + url
                            + " as user '" + user + "' (trust authentication), but: " + e.getMessage()
                            + ". Start it (e.g. pg_ctlcluster 15 main start) or skip this execution explicitly with "
                            + "-Dit.pg.skip=true.",
                    e);
        }
        return new Settings(
                Kind.POSTGRESQL,
                MAX_LINE_QUANTITY,
                HEARTBEAT,
                SSE_TIMEOUT,
                MAX_PENDING,
                createDataDir("pg-data-"),
                name,
                name,
                url,
                user,
                runDir,
                key,
                keyFile);
    }

    private static void dropPostgresql(Settings s) {
        try (Connection admin = s.adminConnection();
                Statement sql = admin.createStatement()) {
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + s.role() + "'");
            sql.execute("DROP SCHEMA IF EXISTS " + s.schema() + " CASCADE");
            sql.execute("DROP ROLE IF EXISTS " + s.role());
            LOG.info("tablecart IT: dropped PostgreSQL schema and role " + s.role());
        } catch (SQLException e) {
            LOG.warning("tablecart IT: could not drop PostgreSQL schema/role " + s.role() + ": " + e);
        }
    }

    /** The JDBC URL the app uses: the admin URL's server and database, with the run's schema. */
    private static String appUrl(Settings s) {
        String base = s.adminUrl();
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + s.schema();
    }

    // ---- the container -------------------------------------------------------------------------------------------

    private static void configureContainer(Settings s) {
        List<String> jvm = new ArrayList<>();
        jvm.add("-Xmx512m");
        jvm.add("-Dtablecart.data.dir=" + s.dataDir());
        if (s.kind() == Kind.POSTGRESQL) {
            jvm.add("-Dtablecart.db.url=" + appUrl(s));
            jvm.add("-Dtablecart.db.user=" + s.role());
            jvm.add("-Dtablecart.db.datasource=org.postgresql.ds.PGSimpleDataSource");
        }
        jvm.add("-Dtablecart.demo=true");
        jvm.add("-Dtablecart.realtime.heartbeat=" + s.heartbeat());
        jvm.add("-Dtablecart.sse.timeout=" + s.sseTimeout());
        jvm.add("-Dtablecart.cart.max-line-quantity=" + s.maxLineQuantity());
        jvm.add("-Dtablecart.realtime.max-pending=" + s.maxPending());
        jvm.add("-Dtablecart.cart.request-ttl=" + REQUEST_TTL);
        jvm.add("-Dtablecart.cart.max-batch=" + MAX_BATCH);
        jvm.add("-Dtablecart.auth.signing-key=" + s.signingKeyFile());
        jvm.add("-Dtablecart.auth.join-window=" + JOIN_WINDOW);
        jvm.add("-Dtablecart.auth.join-failures=" + JOIN_FAILURES);
        jvm.add("-Dtablecart.realtime.max-connections-per-user=" + MAX_CONNECTIONS_PER_USER);
        jvm.add("-Dtablecart.ws.rate-limit=" + WS_RATE_LIMIT);
        jvm.add("-Dtablecart.ws.flood-limit=" + WS_FLOOD_LIMIT);
        jvm.add("-Dtablecart.cors.origins=" + ALLOWED_ORIGIN);
        jvm.add("-Dtablecart.message.per-minute=" + MESSAGES_PER_MINUTE);
        jvm.add("-Dtablecart.message.max-length=" + MESSAGE_MAX_LENGTH);
        jvm.add("-Dtablecart.realtime.pong-timeout=" + PONG_TIMEOUT);
        jvm.add("-Dtablecart.http.body-timeout=" + BODY_TIMEOUT);
        jvm.add("-Dtablecart.auth.password-failures=" + PASSWORD_FAILURES);
        jvm.add("-Dtablecart.auth.password-failures-per-address=" + PASSWORD_FAILURES_PER_ADDRESS);
        jvm.add("-Dtablecart.auth.password-window=" + PASSWORD_WINDOW);

        List<String> micro = new ArrayList<>();
        micro.addAll(payaraOptions()); // the run profile's own
        if (s.kind() == Kind.POSTGRESQL) {
            Path driver = Path.of(required("tablecart.it.postgresql.jar")).toAbsolutePath();
            if (!Files.isRegularFile(driver)) {
                throw new IllegalStateException(
                        "PostgreSQL driver for Payara not found at " + driver + " (mvn package copies it there)");
            }
            micro.add("--addlibs");
            micro.add(driver.toString());
        }
        for (String option : jvm) {
            noSpaces(option);
        }
        for (String option : micro) {
            noSpaces(option);
        }
        append("payara.cmdOptions", String.join(" ", jvm));
        append("payara.extraMicroOptions", String.join(" ", micro));
        jvmOptions = List.copyOf(jvm);
        microOptions = List.copyOf(micro);
        LOG.info("tablecart IT: payara.cmdOptions=" + System.getProperty("payara.cmdOptions")
                + " payara.extraMicroOptions=" + System.getProperty("payara.extraMicroOptions"));
    }

    /** The container splits both options at unescaped spaces and drops backslashes: keep values plain. */
    private static void noSpaces(String option) {
        if (option.contains(" ") || option.contains("\\")) {
            throw new IllegalStateException("option contains a space or backslash, which the Payara Micro "
                    + "Arquillian container would split or strip: " + option);
        }
    }

    private static void append(String property, String value) {
        String existing = System.getProperty(property);
        System.setProperty(property, existing == null || existing.isBlank() ? value : existing + " " + value);
    }

    private static String required(String property) {
        return Objects.requireNonNull(
                System.getProperty(property),
                () -> "system property " + property + " is not set (failsafe sets it in pom.xml)");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
