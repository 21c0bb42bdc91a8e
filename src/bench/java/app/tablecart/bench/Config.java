package app.tablecart.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one bench command does, from system properties ({@code -Dbench.*}; the Maven profile passes them on). Empty
 * values mean "the scenario's default". Every figure that bounds a loop is here.
 */
final class Config {

    enum Db {
        H2,
        POSTGRESQL
    }

    final String scenario;
    final Db db;
    final int tables;
    final int diners;
    final double sseShare;
    final double rate;
    final String writes;
    final int durationS;
    final int warmupS;
    final int warmupMinS;
    final double warmupRate;
    final int holdS;
    final List<Double> rampRates;
    final int rampStepS;
    final double rampP99Ms;
    final String idleKinds;
    final String xmx;
    final boolean jfr;
    final String serverJava;
    final List<String> serverJvmArgs;
    final int serverHttpThreads;
    final Path war;
    final Path payaraJar;
    final Path pgJar;
    /** Payara Micro's arguments besides the WAR, port and driver: the pom's payara.options, as every launch uses. */
    final List<String> payaraOptions;

    final String pgUrl;
    final String pgUser;
    final Path outDir;
    final int tablesPerStore;
    final int cuisinesPerStore;
    final int connectConcurrency;
    final int connectTimeoutS;
    final int changeTimeoutS;
    final int drainS;
    final int clients;
    final int clientThreads;
    final int startTimeoutS;

    private Config() {
        scenario = str("bench.scenario", "a").toLowerCase(Locale.ROOT);
        db = switch (str("bench.db", "h2").toLowerCase(Locale.ROOT)) {
            case "h2" -> Db.H2;
            case "postgresql", "pg", "postgres" -> Db.POSTGRESQL;
            default -> throw new IllegalArgumentException("bench.db must be h2 or postgresql");
        };
        int defTables;
        double defRate;
        switch (scenario) {
            case "a" -> {
                defTables = 200;
                defRate = 200;
            }
            case "b" -> {
                defTables = 1000;
                defRate = 500;
            }
            case "b2" -> {
                defTables = 2000;
                defRate = 1000;
            }
            case "c" -> {
                defTables = 2000;
                defRate = 0;
            }
            case "d" -> {
                defTables = 1000;
                defRate = 0;
            }
            default -> throw new IllegalArgumentException("bench.scenario must be a, b, b2, c or d, not " + scenario);
        }
        tables = integer("bench.tables", defTables);
        diners = integer("bench.diners", 5);
        sseShare = dbl("bench.sse-share", 0.5);
        rate = dbl("bench.rate", defRate);
        writes = str("bench.writes", "alternate").toLowerCase(Locale.ROOT);
        if (!List.of("alternate", "rest", "ws").contains(writes)) {
            throw new IllegalArgumentException("bench.writes must be alternate, rest or ws");
        }
        durationS = integer("bench.duration", 60);
        // The warm-up lasts until the server's JIT compilers settle (see Bench.warmUp), between these bounds: on 2
        // cores, after a fixed 60 s at 500 changes/s they still took a third of the server's CPU, and settled at 200 s.
        warmupS = integer("bench.warmup", 360);
        warmupMinS = Math.min(warmupS, integer("bench.warmup-min", 60));
        // d warms up above its first steps, so that the code its higher steps run is compiled too.
        warmupRate = dbl("bench.warmup-rate", scenario.equals("d") ? 300 : rate);
        holdS = integer("bench.hold", 60);
        rampRates = new ArrayList<>();
        for (String r : str("bench.ramp", "50,100,150,200,300,500,750,1000,1500,2000,2500,3000")
                .split(",")) {
            if (!r.isBlank()) {
                rampRates.add(Double.parseDouble(r.trim()));
            }
        }
        rampStepS = integer("bench.ramp-step", 20);
        rampP99Ms = dbl("bench.ramp-p99", 100);
        idleKinds = str("bench.idle-kinds", "sse,ws");
        xmx = str("bench.xmx", "1g");
        jfr = Boolean.parseBoolean(str("bench.jfr", "false"));
        serverJava = str(
                "bench.server.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        serverJvmArgs = new ArrayList<>();
        for (String a : str("bench.server.jvm-args", "").split("\\s+")) {
            if (!a.isBlank()) {
                serverJvmArgs.add(a);
            }
        }
        payaraOptions = new ArrayList<>();
        for (String a : str("bench.payara.options", "").split("\\s+")) {
            if (!a.isBlank()) {
                payaraOptions.add(a);
            }
        }
        int threads = payaraOptions.indexOf("--maxHttpThreads");
        serverHttpThreads = threads < 0 ? 200 : Integer.parseInt(payaraOptions.get(threads + 1));
        war = Path.of(str("bench.war", "target/tablecart.war")).toAbsolutePath();
        payaraJar = Path.of(str("bench.payara.jar", "target/payara-micro.jar")).toAbsolutePath();
        pgJar = Path.of(str("bench.postgresql.jar", "target/libs/postgresql.jar"))
                .toAbsolutePath();
        pgUrl = str("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        pgUser = str("bench.pg.user", "postgres");
        outDir = Path.of(str("bench.out", "target/bench")).toAbsolutePath();
        tablesPerStore = integer("bench.tables-per-store", 100);
        cuisinesPerStore = integer("bench.cuisines-per-store", 12);
        connectConcurrency = integer("bench.connect-concurrency", 64);
        connectTimeoutS = integer("bench.connect-timeout", 300);
        changeTimeoutS = integer("bench.change-timeout", 30);
        drainS = integer("bench.drain", 40);
        clients = integer("bench.clients", 4);
        clientThreads = integer("bench.client-threads", 4);
        startTimeoutS = integer("bench.start-timeout", 240);
        if (tables < 1
                || tables > 5000
                || diners < 1
                || diners > 10
                || durationS < 1
                || durationS > 3600
                || holdS > 3600
                || sseShare < 0
                || sseShare > 1
                || rate > 20000) {
            throw new IllegalArgumentException("out of range: tables 1..5000, diners 1..10, duration 1..3600 s, "
                    + "hold ≤ 3600 s, sse-share 0..1, rate ≤ 20000");
        }
        if (!pgUrl.startsWith("jdbc:postgresql://127.0.0.1") && !pgUrl.startsWith("jdbc:postgresql://localhost")) {
            throw new IllegalArgumentException("bench.pg.url must point at loopback (127.0.0.1 or localhost)");
        }
    }

    static Config fromSystemProperties() {
        return new Config();
    }

    String xmxArg() {
        return "-Xmx" + xmx;
    }

    private static String str(String key, String def) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? def : v.trim();
    }

    private static int integer(String key, int def) {
        return Integer.parseInt(str(key, Integer.toString(def)));
    }

    private static double dbl(String key, double def) {
        return Double.parseDouble(str(key, Double.toString(def)));
    }
}
