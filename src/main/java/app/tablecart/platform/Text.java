package app.tablecart.platform;

import java.util.Set;

/**
 * What text a client may send, in one place, so both databases and every page see the same: PostgreSQL refuses NUL
 * where H2 stores it, and a name made of invisible or direction-changing characters would deceive the people who
 * read it. Three kinds:
 * <ul>
 *   <li>{@link #identifier}: what a client makes up to name a thing (request id, idempotency key, table code,
 *       username, order number): no control, invisible or direction-changing character;</li>
 *   <li>{@link #name}: what people see as someone's or something's name (a nickname): the same, trimmed, and with at
 *       least one visible character;</li>
 *   <li>{@link #prose}: what people read (a message, a remark, a reason): lines and tabs allowed, otherwise the
 *       same.</li>
 * </ul>
 * Refused rather than stripped: the sender learns why, and what is stored is what was sent. The zero-width joiner
 * is allowed between two visible characters, where it joins emoji (👩‍🍳); elsewhere it only hides.
 */
public final class Text {

    private static final int MAX_ECHO = 40;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    /** Letters and symbols that draw nothing (Hangul fillers, braille blank): invisible, though not "format". */
    private static final Set<Integer> BLANK_GLYPHS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

    private Text() {}

    /** {@code abc} becomes {@code "abc"}; long or multi-line input is cut, so error messages stay readable. */
    public static String quote(String userInput) {
        String oneLine = userInput.replaceAll("\\p{Cntrl}|\\p{Cf}", " ");
        return '"' + (oneLine.length() > MAX_ECHO ? oneLine.substring(0, MAX_ECHO) + "…" : oneLine) + '"';
    }

    /** An identifier of 1 to {@code max} characters, as sent; null stays null (the caller decides if it is needed). */
    public static String identifier(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        requireLength(value, field, max);
        requireClean(value, field, false);
        return value;
    }

    /** A name, trimmed, of 1 to {@code max} characters with a visible one among them; null when absent. */
    public static String name(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        String name = value.strip();
        requireLength(name, field, max);
        requireClean(name, field, false);
        if (name.codePoints().noneMatch(Text::isVisible)) {
            throw ApiException.badRequest(field + " must have a visible character");
        }
        return name;
    }

    /** Prose of at most {@code max} characters, as sent (lines and tabs allowed); null when absent. */
    public static String prose(String value, String field, int max) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " must be at most " + max + " characters");
        }
        requireClean(value, field, true);
        return value;
    }

    private static void requireLength(String value, String field, int max) {
        if (value.isEmpty() || value.length() > max) {
            throw ApiException.badRequest(field + " must be 1 to " + max + " characters");
        }
    }

    private static void requireClean(String value, String field, boolean linesAllowed) {
        int[] codePoints = value.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            int c = codePoints[i];
            if (linesAllowed && (c == '\n' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c)) {
                throw ApiException.badRequest(field + " may not contain control characters");
            }
            if (c == ZERO_WIDTH_JOINER
                    && i > 0
                    && i < codePoints.length - 1
                    && isVisible(codePoints[i - 1])
                    && isVisible(codePoints[i + 1])) {
                continue;
            }
            if (isHidden(c)) {
                throw ApiException.badRequest(field + " may not contain invisible or text-direction characters");
            }
        }
    }

    /** Format characters (zero-width spaces, bidi overrides, the BOM), line separators, unpaired surrogates. */
    private static boolean isHidden(int c) {
        return switch (Character.getType(c)) {
            case Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE -> true;
            default -> BLANK_GLYPHS.contains(c);
        };
    }

    private static boolean isVisible(int c) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isHidden(c) || Character.isISOControl(c)) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> false;
            default -> true;
        };
    }
}
