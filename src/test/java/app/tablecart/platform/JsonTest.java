package app.tablecart.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON every channel sends, and the nesting scan that keeps deep JSON from the parser. */
public class JsonTest {

    public record Line(BigDecimal unitPrice, BigDecimal subtotalAmount) {}

    public record Cart(List<Line> items, BigDecimal totalAmount) {}

    @Test
    void everyAmountGoesOutWithTwoDecimalsWhateverItsScale() {
        String json = Json.toJson(
                new Cart(List.of(new Line(new BigDecimal("38"), new BigDecimal("76.0"))), new BigDecimal("76.000")));
        assertEquals("{\"items\":[{\"subtotalAmount\":76.00,\"unitPrice\":38.00}],\"totalAmount\":76.00}", json);
    }

    @Test
    void depthCountsBracketsOutsideStringsOnly() {
        assertEquals(0, depth("\"just text\""));
        assertEquals(1, depth("{\"a\":1}"));
        assertEquals(3, depth("{\"a\":[{\"b\":2}]}"));
        assertEquals(1, depth("{\"text\":\"[[[{{{\"}"), "brackets inside a string");
        assertEquals(1, depth("{\"text\":\"a \\\" [[[ \\\\\"}"), "escaped quotes and backslashes");
        assertEquals(1001, depth("[".repeat(1001) + "]".repeat(1001)));
    }

    @Test
    void theScanStopsOncePastTheLimit() {
        assertEquals(33, Json.depthOf(100_000, i -> '[', 32));
    }

    @Test
    void bytesOfUtf8ScanLikeTheirCharacters() {
        byte[] utf8 = "{\"名\":[\"点[\"]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, Json.depthOf(utf8.length, i -> utf8[i], 32));
    }

    private static int depth(String json) {
        return Json.depthOf(json.length(), json::charAt, Integer.MAX_VALUE - 1);
    }
}
