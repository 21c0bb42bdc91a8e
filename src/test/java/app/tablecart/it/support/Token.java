package app.tablecart.it.support;

import java.util.Objects;

/**
 * A bearer token as the tests hold it: the compact JWT plus what the tests know about it. {@link #toString()} never
 * shows the JWT, so a token can appear in assertion messages and logs; only {@link #jwt()} gives it out, for the wire.
 *
 * @param jwt         the compact serialization (or any string, for garbage tokens)
 * @param description what it is, e.g. {@code diner 'Alice' of table 14}
 * @param userId      tablecart's numeric user id when the server told it (sign-in answers), else null
 * @param nickname    the nickname claim, or null
 * @param tableId     the tableId claim of a diner token, or null
 * @param storeId     the storeId claim, or null
 * @param phone       the phone claim, or null
 */
public record Token(
        String jwt, String description, Long userId, String nickname, Integer tableId, Integer storeId, String phone) {

    /** Where a token travels: {@code Authorization: Bearer} or the {@code access_token} query parameter. */
    public enum Via {
        HEADER,
        QUERY
    }

    public Token {
        Objects.requireNonNull(jwt, "jwt");
        Tokens.record(jwt);
    }

    /** A token that is only a string (garbage, unsigned ...). */
    public static Token of(String jwt, String description) {
        return new Token(jwt, description, null, null, null, null, null);
    }

    public String bearer() {
        return "Bearer " + jwt;
    }

    /** The same token under another description. */
    public Token describedAs(String newDescription) {
        return new Token(jwt, newDescription, userId, nickname, tableId, storeId, phone);
    }

    @Override
    public String toString() {
        return "Token[" + description + "]";
    }
}
