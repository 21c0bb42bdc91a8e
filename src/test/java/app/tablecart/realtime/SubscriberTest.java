package app.tablecart.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The version filter at the last step before the wire, on a connection that records what it would send. */
class SubscriberTest {

    private final Recording client = new Recording();

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
        assertEquals(List.of("cart_update v5 data5", "add_item_success v5 data5", "add_item_success v6 {\"v\":6}",
                "cart_update v6 data6"), client.sent);
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

    /** Records each frame's type, version and data as it would leave. */
    private static final class Recording extends Subscriber {

        final List<String> sent = new ArrayList<>();

        Recording() {
            super(new Viewer(1, "Alice", false, 1, 1, Instant.MAX), 16);
        }

        @Override
        Frame frame(LiveEvent event) {
            return new Frame(event.version(), event.isState(),
                    event.type() + " v" + event.version() + " " + event.dataOf(false));
        }

        @Override
        Frame farewell(Farewell farewell) {
            return new Frame(LiveEvent.UNVERSIONED, false, farewell.code);
        }

        @Override
        void sendQueued() {
            for (Frame frame = next(); frame != null; frame = next()) {
                sent.add((String) frame.payload());
            }
        }

        @Override
        void closeTransport(CloseCause cause) {
        }

        @Override
        void probe() {
        }
    }
}
