package app.tablecart.realtime;

import java.time.Instant;

/**
 * Who is at the other end of a connection, as far as the channel must know: which view of the table they get
 * (staff see diners' phones whole), when their token expires, and which table session they belong to.
 *
 * @param tableSession the session a diner joined; ignored for staff
 */
public record Viewer(long userId, boolean staff, long tableSession, Instant expiresAt) {
}
