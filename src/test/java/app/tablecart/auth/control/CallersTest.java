package app.tablecart.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.tablecart.auth.entity.Caller;
import app.tablecart.platform.ApiException;
import app.tablecart.platform.Problem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one rule for a verified token's claims, as both token paths apply it, without a container. */
class CallersTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private final Map<String, Object> claims =
            new HashMap<>(Map.of("storeId", 1L, "tableId", 5L, "tableSession", 2L, "nickname", "Alice"));

    private Caller diner() {
        return Callers.caller("diner:abc", List.of("diner"), claims::get, null, LATER, NOW, subject -> 42L);
    }

    @Test
    void aDinerTokenBecomesADinerOfItsTableAndSession() {
        Caller caller = diner();
        assertEquals(42L, caller.userId());
        assertEquals(Caller.Role.DINER, caller.role());
        assertEquals(1L, caller.storeId());
        assertEquals(5L, caller.tableId());
        assertEquals(2L, caller.tableSession());
        assertEquals("Alice", caller.nickname());
        assertEquals(LATER, caller.expiresAt());
    }

    @Test
    void aStaffTokenNamesNoTableAndIdsMayBeNumericStrings() {
        claims.put("storeId", "2");
        Caller staff = Callers.caller("staff:7", List.of("staff"), claims::get, null, LATER, NOW, s -> 7L);
        assertEquals(Caller.Role.STAFF, staff.role());
        assertEquals(2L, staff.storeId());
        assertNull(staff.tableId(), "staff have no table");
    }

    @Test
    void aTokenBeforeItsNotBeforeIsRefused() {
        ApiException early = assertThrows(
                ApiException.class,
                () -> Callers.caller(
                        "diner:abc", List.of("diner"), claims::get, NOW.plusSeconds(1), LATER, NOW, s -> 1L));
        assertEquals(Problem.UNAUTHORIZED, early.problem());
        assertEquals(
                5L,
                Callers.caller("diner:abc", List.of("diner"), claims::get, NOW, LATER, NOW, s -> 1L)
                        .tableId(),
                "from its nbf on, it works");
    }

    @Test
    void idsThatAreNotWholeNumbersAreRefused() {
        for (Object loose : List.of(new BigDecimal("5.5"), 5.5d, "5.5", "five", true)) {
            claims.put("tableId", loose);
            ApiException refused = assertThrows(ApiException.class, this::diner, "tableId " + loose);
            assertEquals(Problem.UNAUTHORIZED, refused.problem(), "tableId " + loose);
        }
    }

    @Test
    void aDinerWithoutTableOrSessionAndATokenOfNoKnownRoleAreRefused() {
        claims.remove("tableSession");
        assertEquals(
                Problem.UNAUTHORIZED,
                assertThrows(ApiException.class, this::diner).problem());
        assertEquals(
                Problem.FORBIDDEN,
                assertThrows(
                                ApiException.class,
                                () -> Callers.caller("x", List.of("admin"), claims::get, null, LATER, NOW, s -> 1L))
                        .problem());
    }

    @Test
    void nicknamesFallBackToTheUpnThenToTheRoleAndAreCut() {
        claims.remove("nickname");
        claims.put("upn", "alice@idp");
        assertEquals("alice@idp", diner().nickname());
        claims.remove("upn");
        assertEquals("Guest", diner().nickname());
        claims.put("nickname", "N".repeat(40));
        assertEquals(Caller.MAX_NICKNAME, diner().nickname().length());
    }
}
