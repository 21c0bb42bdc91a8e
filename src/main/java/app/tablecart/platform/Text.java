package app.tablecart.platform;

/** Echoing user input in a message: short, and never a second line. */
public final class Text {

    private static final int MAX_ECHO = 40;

    private Text() {
    }

    /** {@code abc} becomes {@code "abc"}; long or multi-line input is cut, so error messages stay readable. */
    public static String quote(String userInput) {
        String oneLine = userInput.replaceAll("\\p{Cntrl}", " ");
        return '"' + (oneLine.length() > MAX_ECHO ? oneLine.substring(0, MAX_ECHO) + "…" : oneLine) + '"';
    }
}
