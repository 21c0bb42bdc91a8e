package app.tablecart.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A table's channel without a server: ordering, the version filter, slow clients, presence, farewells. */
class ChannelTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<LiveEvent> toBoard = Collections.synchronizedList(new ArrayList<>());
    private final Channel table = new Channel(ChannelKey.table(7), scheduler, toBoard::add);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private static LiveEvent cart(long version) {
        return LiveEvent.state("cart_update", version, "changed", "{\"v\":" + version + "}", "{\"v\":" + version + "}");
    }

    private Recording join(Recording client, LiveEvent... greeting) {
        assertEquals(Channel.JoinResult.JOINED, table.join(client, List.of(greeting), null, Channel.ANY));
        return client;
    }

    @Test
    void everyClientGetsTheEventsInOrderAndNeverAnOlderVersionAfterANewerOne() {
        Recording alice = join(new Recording("Alice", false, 16), cart(1));
        Recording staff = join(new Recording("Staff", true, 16), cart(1));
        table.publish(cart(3));
        table.publish(cart(2)); // a late commit's event: older than one already sent
        table.publish(LiveEvent.notice("table_message", "hi", "{}"));
        table.publish(cart(4));
        for (Recording client : List.of(alice, staff)) {
            assertEquals(
                    List.of("cart_update", "presence", "cart_update", "table_message", "cart_update"),
                    client.types(),
                    client.viewer().nickname());
            assertTrue(client.sent.get(2).startsWith("cart_update v3"));
            assertTrue(client.sent.get(4).startsWith("cart_update v4"));
        }
    }

    @Test
    void aGreetingReadBeforeAPublishIsStaleAndMustBeReadAgain() {
        long before = table.published();
        table.publish(cart(5));
        Recording late = new Recording("Late", false, 16);
        assertEquals(Channel.JoinResult.STALE, table.join(late, List.of(cart(4)), null, before));
        assertTrue(late.sent.isEmpty(), "nothing queued for a stale join");
        assertEquals(Channel.JoinResult.JOINED, table.join(late, List.of(cart(5)), null, table.published()));
    }

    @Test
    void aClientThatStopsReadingIsClosedAsTooSlowWhileTheOthersGetEverything() {
        Recording stalled = join(new Recording("Stalled", false, 4).stall());
        Recording reader = join(new Recording("Reader", false, 4));
        for (long v = 1; v <= 10; v++) {
            table.publish(cart(v));
        }
        assertEquals(Subscriber.CloseCause.TOO_SLOW, stalled.closedBy);
        assertEquals(11, reader.sent.size(), "the presence greeting and ten carts");
        assertNull(reader.closedBy);
    }

    @Test
    void arrivalsCloseTogetherAreToldAsOnePresenceToTheTableAndTheBoard() throws Exception {
        Recording alice = join(new Recording(1, "Alice", false, 64));
        join(new Recording(2, "Bob", false, 64));
        join(new Recording(1, "Alice", false, 64)); // Alice's second tab: no new seat
        join(new Recording(3, "Staff", true, 64)); // staff are not seated
        awaitTold(1);
        Presence told = table.presence();
        assertEquals(2, told.count());
        assertEquals(
                List.of("Alice", "Bob"),
                told.diners().stream().map(Presence.Present::nickname).toList());
        assertEquals(
                1,
                alice.types().stream().filter("presence"::equals).count() - 1,
                "after its greeting, Alice heard one presence for the three arrivals");
        assertTrue(toBoard.get(0).dataOf(View.STAFF).contains("\"count\":2"));
    }

    @Test
    void farewellsGoToTheViewersThatMustGoAndCloseThemOnceSent() {
        Recording earlier = join(new Recording("Earlier", false, 16));
        Recording staff = join(new Recording("Staff", true, 16));
        table.finishWhere(viewer -> !viewer.staff(), Farewell.SESSION_CLOSED);
        assertEquals("session_closed", earlier.sent.get(earlier.sent.size() - 1));
        assertEquals(Subscriber.CloseCause.FAREWELL, earlier.closedBy);
        assertNull(staff.closedBy);
        table.publish(cart(9));
        assertFalse(earlier.sent.get(earlier.sent.size() - 1).startsWith("cart_update"), "nothing after goodbye");
    }

    @Test
    void aHeartbeatSaysGoodbyeToExpiredTokensAndRetiresAnEmptyChannel() {
        Recording expired = new Recording(4, "Old", false, 16);
        Recording expiring = join(new Recording("Expiring", false, 16));
        assertTrue(table.heartbeat(Instant.now(), System.nanoTime(), LiveEvent.notice("heartbeat", "ping", null)));
        assertNull(expiring.closedBy, "tokens valid until Instant.MAX");
        table.leave(expiring);
        assertFalse(
                table.heartbeat(Instant.now(), System.nanoTime(), LiveEvent.notice("heartbeat", "ping", null)),
                "retired once empty");
        assertEquals(Channel.JoinResult.RETIRED, table.join(expired, List.of(), null, Channel.ANY));
    }

    private void awaitTold(int events) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (toBoard.size() < events && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(Seats.DELAY_MILLIS * 2); // no second telling follows
        assertEquals(events, toBoard.size(), "presence events told to the board");
    }
}
