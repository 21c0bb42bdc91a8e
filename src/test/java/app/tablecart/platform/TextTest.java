package app.tablecart.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What text a client may send: the same rules on every database and every page. */
class TextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\u0000b",
                "tab\there",
                "line\nbreak",
                "\u007f",
                "\u0085next",
                "zero\u200bwidth",
                "bidi\u202eevil",
                "isolate\u2066x",
                "bom\ufeff",
                "sep\u2028arator",
                "lone\ud800surrogate"
            })
    void identifiersRefuseControlInvisibleAndDirectionCharacters(String sent) {
        ApiException refused = assertThrows(ApiException.class, () -> Text.identifier(sent, "requestId", 64));
        assertEquals(Problem.BAD_REQUEST, refused.problem());
    }

    @Test
    void identifiersAreKeptAsSentWithinTheirLength() {
        assertEquals("req-1 é 点", Text.identifier("req-1 é 点", "requestId", 64));
        assertNull(Text.identifier(null, "requestId", 64));
        assertThrows(ApiException.class, () -> Text.identifier("", "requestId", 64));
        assertEquals("x".repeat(64), Text.identifier("x".repeat(64), "requestId", 64));
        ApiException tooLong = assertThrows(ApiException.class, () -> Text.identifier("x".repeat(65), "requestId", 64));
        assertEquals("requestId must be 1 to 64 characters", tooLong.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Diner0\u200b",
                "\u200b\u200b",
                "Bob\u202eevil",
                "\u200d",
                "Al\u200d",
                "\u3164",
                "\u0301\u0301",
                "   ",
                "\u2800",
                "Eve\u0000"
            })
    void namesNeedAVisibleCharacterAndNothingHidden(String sent) {
        assertThrows(ApiException.class, () -> Text.name(sent, "nickname", 32));
    }

    @Test
    void namesAreTrimmedAndMayHoldJoinedEmojiAndEveryScript() {
        assertEquals("Alice", Text.name("  Alice \t", "nickname", 32));
        assertEquals("小明", Text.name("小明", "nickname", 32));
        assertEquals("Chef 👩\u200d🍳", Text.name("Chef 👩\u200d🍳", "nickname", 32));
        assertEquals("José", Text.name("Jose\u0301", "nickname", 32).replace("e\u0301", "é"));
    }

    @Test
    void proseAllowsLinesAndTabsButNothingElseHidden() {
        assertEquals("no peanuts\nextra rice\t!", Text.prose("no peanuts\nextra rice\t!", "remark", 200));
        assertThrows(ApiException.class, () -> Text.prose("no\u0000peanuts", "remark", 200));
        assertThrows(ApiException.class, () -> Text.prose("evil \u202egnp.exe", "text", 280));
        assertThrows(ApiException.class, () -> Text.prose("\r", "text", 280));
        ApiException tooLong = assertThrows(ApiException.class, () -> Text.prose("r".repeat(201), "remark", 200));
        assertEquals("remark must be at most 200 characters", tooLong.getMessage());
        assertEquals("", Text.prose("", "remark", 200), "an empty remark is the caller's to refuse or keep");
    }

    @Test
    void quotingEchoesOneShortLine() {
        assertEquals("\"a b\"", Text.quote("a\nb"));
        assertEquals("\"a b\"", Text.quote("a\u202eb"));
        assertEquals('"' + "x".repeat(40) + "…\"", Text.quote("x".repeat(41)));
    }
}
