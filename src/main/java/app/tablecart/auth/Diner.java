package app.tablecart.auth;

/**
 * The person behind a change: shown in the cart's notice ("Alice added …") and on the lines they added.
 *
 * @param userId tablecart's numeric user id; null for a guest
 * @param nickname how the table sees them
 * @param phone optional, shown on the lines they added
 */
public record Diner(Long userId, String nickname, String phone) {

    public static final int MAX_NICKNAME = 32;
    private static final String GUEST = "Guest";

    /** A diner known only by the nickname they typed; blank or missing becomes "Guest", long ones are cut. */
    public static Diner guest(String nickname) {
        String name = nickname == null ? "" : nickname.replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            name = GUEST;
        }
        return new Diner(null, name.length() > MAX_NICKNAME ? name.substring(0, MAX_NICKNAME) : name, null);
    }
}
