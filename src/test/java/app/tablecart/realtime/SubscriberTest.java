package app.tablecart.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The version filter at the last step before the wire, on a connection that records what it would send. */
class SubscriberTest {

    private final Recording client = new Recording("Alice", false, 16);

    @Test
    void anOlderStateIsNeverSentAfterANewerOneNorTheSameStateTwice() {
        client.offer(state(3));
        client.offer(state(2));
        client.offer(state(3));
        client.offer(state(4));
        assertEquals(List.of("cart_update v3 data3", "cart_update v4 data4"), client.sent);
    }

    @Test
    void aReplyOlderThanTheClientsStateStillReachesItsSenderCarryingTheNewerState() {
        client.offer(state(5));
        client.offer(LiveEvent.reply("add_item_success", 4, "added", "{\"v\":4}", "{\"v\":4}"));
        client.offer(LiveEvent.reply("add_item_success", 6, "added", "{\"v\":6}", "{\"v\":6}"));
        client.offer(state(6));
        assertEquals(
                List.of(
                        "cart_update v5 data5",
                        "add_item_success v5 data5",
                        "add_item_success v6 {\"v\":6}",
                        "cart_update v6 data6"),
                client.sent);
    }

    @Test
    void unversionedNoticesAlwaysPass() {
        client.offer(state(7));
        client.offer(LiveEvent.notice("heartbeat", "ping", null));
        assertEquals(List.of("cart_update v7 data7", "heartbeat v-1 null"), client.sent);
    }

    private static LiveEvent state(long version) {
        return LiveEvent.state("cart_update", version, "changed", "data" + version, "data" + version);
    }
}
