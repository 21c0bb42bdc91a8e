package app.tablecart.cart.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tablecart.auth.entity.Caller;
import app.tablecart.cart.entity.CartDTO;
import app.tablecart.cart.entity.CartUpdate;
import app.tablecart.platform.ApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit without a database: the applier records each batch as a transaction would take it. */
class LanesTest {

    private static final Caller STAFF = new Caller(1, Caller.Role.STAFF, 1, null, null, "Staff", null, Instant.MAX);

    private final List<List<CartWrite>> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService callers = Executors.newFixedThreadPool(32);
    private Lanes lanes;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (lanes != null) {
            lanes.close();
        }
    }

    /** Each change's outcome: its table and an increasing version per table, like a cart would. */
    private final Map<Long, Long> versions = new ConcurrentHashMap<>();

    private void apply(List<CartWrite> batch) {
        batches.add(List.copyOf(batch));
        for (CartWrite write : batch) {
            long version = versions.merge(write.tableId(), 1L, Long::sum);
            write.applied(new CartUpdate(
                    new CartDTO(write.tableId(), "T", 1, List.of(), BigDecimal.ZERO, 0, version, null), "applied"));
        }
    }

    private static CartChange clear(long table) {
        return new CartChange.ClearCart(table, null);
    }

    @Test
    void aBurstSharesTransactionsOfAtMostMaxBatchWithNoTableTwiceAndEachTableInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes = new Lanes(
                2,
                4,
                Thread::new,
                batch -> {
                    release.await(); // the first batch holds the lane while the burst queues up behind it
                    apply(batch);
                },
                committed::add);
        List<Future<CartUpdate>> answers = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            long table = i % 12;
            answers.add(callers.submit(() -> lanes.write(clear(table), STAFF)));
        }
        Thread.sleep(200);
        release.countDown();
        Map<Long, List<Long>> seenVersions = new ConcurrentHashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            CartUpdate update = answers.get(i).get(10, TimeUnit.SECONDS);
            seenVersions
                    .computeIfAbsent(update.tableId(), t -> new ArrayList<>())
                    .add(update.version());
        }
        assertEquals(48, batches.stream().mapToInt(List::size).sum(), "every change in exactly one transaction");
        assertTrue(batches.size() < 48, "transactions were shared: " + batches.size() + " for 48 changes");
        for (List<CartWrite> batch : batches) {
            assertTrue(batch.size() <= 4, "at most max-batch in one: " + batch.size());
            Set<Long> tables = new HashSet<>();
            batch.forEach(write -> assertTrue(tables.add(write.tableId()), "a table once per transaction"));
        }
        assertEquals(
                batches.stream().map(List::size).sorted().toList(),
                committed.stream().sorted().toList(),
                "each committed batch is counted");
        seenVersions.values().forEach(v -> assertEquals(4, new HashSet<>(v).size(), "4 versions per table"));
    }

    @Test
    void aBatchThatFailsAsAWholeIsAppliedAgainOneByOneSoOnlyTheBadChangeFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        lanes = new Lanes(
                1,
                8,
                Thread::new,
                batch -> {
                    release.await();
                    if (batch.stream().anyMatch(write -> write.tableId() == 13)) {
                        throw new jakarta.transaction.RollbackException("the database refused table 13's change");
                    }
                    apply(batch);
                },
                committed::add);
        List<Future<CartUpdate>> answers = new ArrayList<>();
        for (long table : List.of(11L, 12L, 13L, 14L)) {
            answers.add(callers.submit(() -> lanes.write(clear(table), STAFF)));
            Thread.sleep(20); // in this order into the lane
        }
        release.countDown();
        for (int i = 0; i < 4; i++) {
            Future<CartUpdate> answer = answers.get(i);
            if (i == 2) {
                Exception failed = assertThrows(Exception.class, () -> answer.get(10, TimeUnit.SECONDS));
                assertTrue(String.valueOf(failed.getCause()).contains("table 13"), "the bad change's own failure");
            } else {
                assertEquals(1, answer.get(10, TimeUnit.SECONDS).version(), "change " + i + " applied");
            }
        }
        assertTrue(batches.stream().allMatch(batch -> batch.size() == 1), "the others went again one by one");
        assertEquals(List.of(1, 1, 1), committed, "three single transactions committed");
    }

    @Test
    void aRefusedChangeFailsAloneInsideACommittedBatch() throws Exception {
        lanes = new Lanes(
                1,
                8,
                Thread::new,
                batch -> {
                    for (CartWrite write : batch) {
                        if (write.tableId() == 2) {
                            write.refused(ApiException.badRequest("refused"));
                        } else {
                            write.applied(new CartUpdate(
                                    new CartDTO(write.tableId(), "T", 1, List.of(), BigDecimal.ZERO, 0, 1, null),
                                    "applied"));
                        }
                    }
                },
                committed::add);
        assertThrows(ApiException.class, () -> lanes.write(clear(2), STAFF));
        assertEquals(1, lanes.write(clear(3), STAFF).version());
    }

    @Test
    void afterCloseChangesAreRefusedAsTheServiceStops() {
        lanes = new Lanes(1, 8, Thread::new, this::apply, committed::add);
        lanes.close();
        ApiException stopping = assertThrows(ApiException.class, () -> lanes.write(clear(1), STAFF));
        assertEquals(503, stopping.problem().status());
    }
}
