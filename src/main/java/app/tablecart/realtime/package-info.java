/**
 * The live transport: a channel per table and per store board, SSE streams (sinks of the channel's
 * {@link jakarta.ws.rs.sse.SseBroadcaster}) and WebSocket sessions offered every event the same way, each with a bounded
 * queue drained asynchronously, so a slow client is closed instead of holding up the others and no thread waits on an
 * idle connection; who sits at a table; the heartbeat that finds clients gone. Every event is serialised once per
 * channel and view. Knows no carts, tokens or JPA: it moves {@link app.tablecart.realtime.LiveEvent}s.
 */
package app.tablecart.realtime;
