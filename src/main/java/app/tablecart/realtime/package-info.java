/**
 * The live channels of each table: one {@link jakarta.ws.rs.sse.SseBroadcaster} for its SSE streams and a set of
 * WebSocket sessions, fed through a single ordered path ({@link app.tablecart.realtime.Channel#publish}).
 * Every event is serialised once per table; each connection has a bounded queue drained asynchronously, so a slow
 * client is closed instead of holding up the others, and no thread waits on an idle connection. Knows nothing of
 * carts or JPA: it moves {@link app.tablecart.realtime.LiveEvent}s.
 */
package app.tablecart.realtime;
