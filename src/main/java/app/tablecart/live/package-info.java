/**
 * Wires the features to the live transport: the table's and the board's SSE streams and WebSockets, what each
 * client message does, and the events every feature's changes become ({@link app.tablecart.live.LiveFeed}). It reads
 * the features' public services and observes their CDI events; no feature imports it.
 */
package app.tablecart.live;
