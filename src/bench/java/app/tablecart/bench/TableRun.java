package app.tablecart.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One table: its diners' connections and its single writer. A change is sent only when the previous one was
 * answered, alternating REST (a diner's bearer token) and WebSocket (one of the table's sockets). The writer knows
 * the version its change will produce (the cart's last version + 1, as only it writes to this table), notes the send
 * time under that version, and checks it against the reply; every subscriber's latency is its arrival time of that
 * version minus the send time. The writer also keeps the cart it expects (cuisine → quantity) and compares it with
 * every reply and with the final cart.
 */
final class TableRun {

    record Sent(long version, long sendNanos, Phase phase) {}

    private enum Op {
        ADD,
        UPDATE,
        REMOVE
    }

    private record Pending(
            long seq, Op op, long cuisine, int quantity, boolean rest, long expected, long sendNanos, Phase phase) {}

    final long id;
    final long storeId;
    final List<Long> cuisines;
    final List<Conn> conns = new ArrayList<>();
    final List<Conn.Ws> sockets = new ArrayList<>();
    final List<String> dinerTokens = new ArrayList<>();
    final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicReferenceArray<Sent> sent = new AtomicReferenceArray<>(64);
    private final Random random;
    private final Map<Long, Integer> expected = new TreeMap<>();
    private Load load;
    private Pending pending;
    private long seq;
    private int changeNo;
    volatile long confirmedVersion;
    volatile boolean broken;
    volatile long replyMismatches;
    volatile long versionMismatches;
    volatile long serverFinalVersion = -1;

    TableRun(Fixture.Table table) {
        this.id = table.id();
        this.storeId = table.storeId();
        this.cuisines = table.cuisines();
        this.random = new Random(table.id() * 7919L);
    }

    void attach(Load load) {
        this.load = load;
    }

    /** Sends the next change; the caller has set {@link #inFlight}. */
    void send(Phase phase) {
        long c = cuisines.get(random.nextInt(cuisines.size()));
        int have = expected.getOrDefault(c, 0);
        Op op;
        int q = 1;
        if (have == 0) {
            op = Op.ADD;
        } else if (have >= 8) {
            op = Op.UPDATE;
        } else {
            double r = random.nextDouble();
            if (r < 0.5) {
                op = Op.ADD;
            } else if (r < 0.8) {
                op = Op.UPDATE;
                q = 1 + random.nextInt(6);
                if (q == have) {
                    q = have + 1;
                }
            } else {
                op = Op.REMOVE;
            }
        }
        Conn.Ws socket = null;
        boolean wantSocket = switch (load.cfg.writes) {
            case "rest" -> false;
            case "ws" -> true;
            default -> changeNo % 2 == 1;
        };
        if (wantSocket) {
            for (int k = 0; k < sockets.size() && socket == null; k++) {
                Conn.Ws s = sockets.get((changeNo / 2 + k) % sockets.size());
                if (s.usable()) {
                    socket = s;
                }
            }
        }
        boolean rest = socket == null;
        String token = dinerTokens.get((changeNo / 2) % dinerTokens.size());
        changeNo++;
        long version = confirmedVersion + 1;
        Pending p;
        synchronized (this) {
            p = new Pending(++seq, op, c, q, rest, version, System.nanoTime(), phase);
            pending = p;
        }
        sent.set((int) (version & 63), new Sent(version, p.sendNanos, phase));
        phase.sent.incrementAndGet();
        (rest ? phase.restSent : phase.wsSent).incrementAndGet();
        load.timer.schedule(
                () -> complete(p.seq, null, "timeout", System.nanoTime()), load.cfg.changeTimeoutS, TimeUnit.SECONDS);
        if (rest) {
            load.rest
                    .sendAsync(restRequest(op, c, q, token), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, failure) -> {
                        long now = System.nanoTime();
                        if (failure != null) {
                            complete(p.seq, null, "REST " + failure, now);
                        } else if (r.statusCode() != 200) {
                            complete(p.seq, null, "REST " + r.statusCode() + " " + r.body(), now);
                        } else {
                            complete(p.seq, Json.obj(Json.object(r.body()).get("data")), null, now);
                        }
                    });
        } else {
            String text = switch (op) {
                case ADD -> "{\"type\":\"add_item\",\"data\":{\"cuisineId\":" + c + ",\"quantity\":1}}";
                case UPDATE ->
                    "{\"type\":\"update_quantity\",\"data\":{\"cuisineId\":" + c + ",\"quantity\":" + q + "}}";
                case REMOVE -> "{\"type\":\"remove_item\",\"data\":{\"cuisineId\":" + c + "}}";
            };
            socket.send(text).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    complete(p.seq, null, "WS send " + failure, System.nanoTime());
                }
            });
        }
    }

    private HttpRequest restRequest(Op op, long c, int q, String token) {
        String base = load.server.base() + "/api/store/order/cart/";
        HttpRequest.Builder b;
        switch (op) {
            case ADD ->
                b = HttpRequest.newBuilder(URI.create(base + "add"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"tableId\":" + id + ",\"cuisineId\":" + c + ",\"quantity\":1}"));
            case UPDATE ->
                b = HttpRequest.newBuilder(URI.create(base + "update"))
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"tableId\":" + id + ",\"cuisineId\":" + c + ",\"quantity\":" + q + "}"));
            default ->
                b = HttpRequest.newBuilder(URI.create(base + "remove?tableId=" + id + "&cuisineId=" + c))
                        .DELETE();
        }
        return b.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(load.cfg.changeTimeoutS + 5L))
                .build();
    }

    /** A socket of this table got {@code <type>_success} or {@code error}: the reply to the pending change. */
    void wsReply(Conn.Ws socket, String text, boolean success, long now) {
        long s;
        synchronized (this) {
            if (pending == null || pending.rest) {
                load.strayReplies.incrementAndGet();
                return;
            }
            s = pending.seq;
        }
        if (success) {
            complete(s, Json.obj(Json.object(text).get("data")), null, now);
        } else {
            complete(s, null, "WS " + text, now);
        }
    }

    private void complete(long s, Map<String, Object> cart, String failure, long now) {
        Pending p;
        synchronized (this) {
            if (pending == null || pending.seq != s) {
                return; // answered already (or timed out)
            }
            p = pending;
            pending = null;
        }
        if (cart == null) {
            p.phase.failed.incrementAndGet();
            load.noteFailure(failure);
            if ("timeout".equals(failure)) {
                p.phase.timeouts.incrementAndGet();
                broken = true; // the change may still commit: this table's versions are unknown from here on
                return; // and its writer stays busy, so it is never picked again
            }
            sent.compareAndSet((int) (p.expected & 63), sent.get((int) (p.expected & 63)), null);
            inFlight.set(false);
            return;
        }
        long version = Json.num(cart.get("version"));
        if (version != p.expected) {
            versionMismatches++;
            sent.set((int) (version & 63), new Sent(version, p.sendNanos, p.phase));
        }
        switch (p.op) {
            case ADD -> expected.merge(p.cuisine, 1, Integer::sum);
            case UPDATE -> expected.put(p.cuisine, p.quantity);
            case REMOVE -> expected.remove(p.cuisine);
        }
        if (!expected.equals(items(cart))) {
            replyMismatches++;
        }
        confirmedVersion = version;
        (p.rest ? p.phase.restRtt : p.phase.wsRtt).record(now - p.sendNanos);
        p.phase.confirmed.incrementAndGet();
        inFlight.set(false);
    }

    /** A subscriber received a version: its fan-out latency, charged to the phase its change was sent in. */
    void delivered(long version, long arrivalNanos) {
        Sent s = sent.get((int) (version & 63));
        if (s != null && s.version == version) {
            s.phase.fanout.record(arrivalNanos - s.sendNanos);
            s.phase.deliveries.incrementAndGet();
        } else {
            load.unattributed.incrementAndGet();
        }
    }

    /** Whether the cart the server has now is the one the writer expects. */
    boolean matches(Map<String, Object> cart) {
        return expected.equals(items(cart));
    }

    static Map<Long, Integer> items(Map<String, Object> cart) {
        Map<Long, Integer> m = new TreeMap<>();
        for (Object o : Json.list(cart.get("items"))) {
            Map<String, Object> line = Json.obj(o);
            m.put(Json.num(line.get("cuisineId")), (int) Json.num(line.get("quantity")));
        }
        return m;
    }
}
