package app.tablecart.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The diners of T tables × D diners and their writers, on JDK {@link HttpClient}s (async API: SSE as a line
 * subscriber, {@link java.net.http.WebSocket}), all to 127.0.0.1. Connecting, pacing, draining and the final check
 * are each bounded in time.
 */
final class Load implements AutoCloseable {

    final Config cfg;
    final Server server;
    final List<TableRun> tables = new ArrayList<>();
    final List<Conn> conns = new ArrayList<>();
    final HttpClient rest;
    final ScheduledExecutorService timer;
    final AtomicLong unattributed = new AtomicLong();
    final AtomicLong strayReplies = new AtomicLong();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final ExecutorService pool;
    private final HttpClient[] clients;
    int attempted;
    long connectMillis;

    Load(Config cfg, Server server) {
        this.cfg = cfg;
        this.server = server;
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(cfg.clientThreads, r -> {
            Thread t = new Thread(r, "bench-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
        });
        clients = new HttpClient[cfg.clients];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = client();
        }
        rest = client();
    }

    private HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(pool)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Builds the tables' diners: {@code sseOf(tableIndex)} of each table's D diners on SSE (the first ones), the
     * rest on WebSocket, each with its own user (a token per connection).
     */
    void plan(List<Fixture.Table> fixture, Tokens tokens, java.util.function.IntUnaryOperator sseOf) {
        long t0 = System.nanoTime();
        for (Fixture.Table t : fixture) {
            TableRun run = new TableRun(t);
            run.attach(this);
            tables.add(run);
        }
        // Signing 10,000 RS256 tokens takes a few seconds: use both cores.
        String[][] minted = new String[tables.size()][cfg.diners];
        java.util.stream.IntStream.range(0, tables.size()).parallel().forEach(i -> {
            Fixture.Table t = fixture.get(i);
            for (int d = 0; d < cfg.diners; d++) {
                minted[i][d] = tokens.diner(
                        "bench-t" + t.id() + "-d" + d,
                        t.storeId(),
                        t.id(),
                        t.session(),
                        "Diner " + t.number() + "-" + (d + 1));
            }
        });
        for (int i = 0; i < tables.size(); i++) {
            TableRun run = tables.get(i);
            int sse = sseOf.applyAsInt(i);
            for (int d = 0; d < cfg.diners; d++) {
                String token = minted[i][d];
                run.dinerTokens.add(token);
                Conn c;
                if (d < sse) {
                    c = new Conn.Sse(run, d, token);
                } else {
                    Conn.Ws ws = new Conn.Ws(run, d, token);
                    run.sockets.add(ws);
                    c = ws;
                }
                run.conns.add(c);
                conns.add(c);
            }
        }
        Bench.log(String.format("minted %d diner tokens in %.1f s", conns.size(), (System.nanoTime() - t0) / 1e9));
    }

    /** Opens the given connections, at most {@code connectConcurrency} handshakes at a time; waits for all. */
    void connect(List<Conn> which) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(cfg.connectTimeoutS);
        Semaphore slots = new Semaphore(cfg.connectConcurrency);
        int i = 0;
        for (Conn c : which) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                c.fail("not attempted: connect phase over time");
                continue;
            }
            attempted++;
            c.ready.whenComplete((ok, failed) -> slots.release());
            timer.schedule(() -> c.fail("no cart_update within 60 s"), 60, TimeUnit.SECONDS);
            c.open(clients[i++ % clients.length], server.base());
        }
        for (Conn c : which) {
            long left = deadline - System.nanoTime();
            try {
                c.ready.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                noteFailure("connect: " + c.closeReason);
            } catch (java.util.concurrent.TimeoutException late) {
                c.fail("connect phase over time");
                noteFailure("connect: over time");
            }
        }
        connectMillis = (System.nanoTime() - t0) / 1_000_000;
        long ok = which.stream().filter(c -> c.established).count();
        Bench.log(String.format(
                "connected %d of %d in %.1f s (%.0f/s)",
                ok, which.size(), connectMillis / 1e3, ok / Math.max(0.001, connectMillis / 1e3)));
    }

    /**
     * Makes changes at {@code phase.targetRate} for {@code seconds}: open-loop slots every 1/rate s, each given to
     * the next table (round robin) whose writer is idle. A slot more than 100 ms late is dropped (counted), so a
     * stall is not followed by a burst.
     */
    void drive(Phase phase, int seconds) {
        long interval = (long) (1e9 / phase.targetRate);
        long catchUp = TimeUnit.MILLISECONDS.toNanos(100);
        double gen0 = Bench.generatorCpuSeconds();
        double srv0 = serverCpu();
        double jit0 = serverJitCpu();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        phase.startNanos = start;
        long next = start;
        int rr = 0;
        int n = tables.size();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (now < next) {
                LockSupport.parkNanos(Math.min(next - now, end - now));
                continue;
            }
            if (now - next > catchUp) {
                long skip = (now - next - catchUp) / interval;
                phase.slotsDropped.addAndGet(skip);
                next += skip * interval;
            }
            TableRun pick = null;
            for (int k = 0; k < n; k++) {
                TableRun t = tables.get((rr + k) % n);
                if (!t.broken && t.inFlight.compareAndSet(false, true)) {
                    pick = t;
                    rr = (rr + k + 1) % n;
                    break;
                }
            }
            if (pick == null) {
                phase.allBusy.incrementAndGet();
                LockSupport.parkNanos(200_000);
                continue;
            }
            pick.send(phase);
            next += interval;
        }
        phase.endNanos = System.nanoTime();
        phase.generatorCpuS = Bench.generatorCpuSeconds() - gen0;
        phase.serverCpuS = serverCpu() - srv0;
        phase.serverJitCpuS = Math.max(0, serverJitCpu() - jit0);
    }

    private double serverJitCpu() {
        try {
            return server.compilerCpuSeconds();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private double serverCpu() {
        try {
            return server.cpuSeconds();
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Waits (bounded) until every writer is answered and every open connection has its table's last version. */
    void drain() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(cfg.drainS);
        while (System.nanoTime() < deadline && tables.stream().anyMatch(t -> !t.broken && t.inFlight.get())) {
            Thread.sleep(50);
        }
        while (System.nanoTime() < deadline
                && conns.stream()
                        .anyMatch(c -> c.established
                                && !c.closed
                                && !c.table.broken
                                && c.lastVersion < c.table.confirmedVersion)) {
            Thread.sleep(50);
        }
    }

    /**
     * Reads every table's final cart over REST and compares it with what its writer expects; then counts, for every
     * connection, the versions it never received (gaps, and those after its last one up to the final version).
     */
    Map<String, Object> verify() throws Exception {
        long t0 = System.nanoTime();
        AtomicLong mismatched = new AtomicLong();
        AtomicLong unreadable = new AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (TableRun t : tables) {
            done.add(readers.submit(() -> {
                try {
                    Map<String, Object> cart = Json.obj(
                            Fixture.get(rest, server.base() + "/api/store/order/cart/" + t.id, t.dinerTokens.get(0)));
                    t.serverFinalVersion = Json.num(cart.get("version"));
                    if (!t.broken && (!t.matches(cart) || t.serverFinalVersion != t.confirmedVersion)) {
                        mismatched.incrementAndGet();
                    }
                } catch (Exception e) {
                    unreadable.incrementAndGet();
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        readers.shutdownNow();
        long lost = 0;
        long lostOnClosed = 0;
        long gaps = 0;
        long behind = 0;
        long stale = 0;
        long open = 0;
        long closedDuringRun = 0;
        Map<String, Integer> closedWhy = new java.util.TreeMap<>();
        for (Conn c : conns) {
            if (!c.established) {
                continue;
            }
            long last = c.lastVersion;
            long missing = c.gaps + Math.max(0, c.table.serverFinalVersion - last);
            stale += c.stale;
            if (c.closed) {
                closedDuringRun++;
                lostOnClosed += missing;
                closedWhy.merge(String.valueOf(c.closeReason), 1, Integer::sum);
            } else {
                open++;
                lost += missing;
                gaps += c.gaps;
                behind += Math.max(0, c.table.serverFinalVersion - last);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("lost_updates", lost);
        r.put("lost_gaps", gaps);
        r.put("lost_never_reached_final", behind);
        r.put("final_cart_mismatches", mismatched.get());
        r.put("final_cart_unreadable", unreadable.get());
        r.put(
                "reply_cart_mismatches",
                tables.stream().mapToLong(t -> t.replyMismatches).sum());
        r.put(
                "reply_version_mismatches",
                tables.stream().mapToLong(t -> t.versionMismatches).sum());
        r.put("tables_broken_by_timeout", tables.stream().filter(t -> t.broken).count());
        r.put("stale_or_repeated_versions", stale);
        r.put("unattributed_versions", unattributed.get());
        r.put("connections_open_at_end", open);
        r.put("connections_closed_during_run", closedDuringRun);
        r.put("lost_on_closed_connections", lostOnClosed);
        r.put("closed_during_run_why", closedWhy);
        Bench.log(String.format("final check of %d carts in %.1f s", tables.size(), (System.nanoTime() - t0) / 1e9));
        return r;
    }

    void noteFailure(String what) {
        String key = what == null ? "?" : what.length() > 160 ? what.substring(0, 160) : what;
        failures.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, Object> connectionCounts(List<Conn> which) {
        Map<String, Object> m = new LinkedHashMap<>();
        long sse = which.stream().filter(c -> c.kind == Conn.Kind.SSE).count();
        m.put("planned", which.size());
        m.put("planned_sse", sse);
        m.put("planned_ws", which.size() - sse);
        m.put("attempted", attempted);
        m.put("established", which.stream().filter(c -> c.established).count());
        m.put("failed", which.stream().filter(c -> !c.established).count());
        m.put("connect_seconds", connectMillis / 1000.0);
        return m;
    }

    /** Closes every connection (the server is stopped right after). */
    @Override
    public void close() {
        for (Conn c : conns) {
            c.abort();
        }
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
