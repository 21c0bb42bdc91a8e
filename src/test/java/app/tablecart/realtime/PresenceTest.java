package app.tablecart.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Who is at a table: everyone counted, at most {@link Presence#MAX_LISTED} listed, in order of arrival. */
class PresenceTest {

    @Test
    void aCrowdBeyondTheListIsCountedButOnlyTheFirstArrivalsAreListed() {
        List<Presence.Present> crowd = LongStream.rangeClosed(1, Presence.MAX_LISTED + 1)
                .mapToObj(id -> new Presence.Present(id, "Diner" + id))
                .toList();
        Presence presence = Presence.of(7, crowd);
        assertEquals(Presence.MAX_LISTED + 1, presence.count());
        assertEquals(crowd.subList(0, Presence.MAX_LISTED), presence.diners());
        assertTrue(presence.occupied());
    }

    @Test
    void aTableAtTheLimitListsEveryoneAndAnEmptyOneIsNotOccupied() {
        List<Presence.Present> full = LongStream.rangeClosed(1, Presence.MAX_LISTED)
                .mapToObj(id -> new Presence.Present(id, "Diner" + id))
                .toList();
        assertEquals(full, Presence.of(7, full).diners());
        Presence empty = Presence.of(7, List.of());
        assertEquals(0, empty.count());
        assertFalse(empty.occupied());
    }
}
