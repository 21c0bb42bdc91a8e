package app.tablecart.realtime;

import java.time.Instant;

/**
 * Who is at the other end of a connection, as far as the channel must know: who they are (presence lists diners by
 * nickname), which view they get (staff see diners' phones whole), their store, when their token expires, and which
 * table session they belong to.
 *
 * @param tableSession the session a diner joined; ignored for staff
 */
public record Viewer(long userId, String nickname, boolean staff, long storeId, long tableSession, Instant expiresAt) {}
