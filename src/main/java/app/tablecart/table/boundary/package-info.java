/**
 * Joining a table ({@code POST /api/auth/diner}), staff's table list and actions, messages at a table.
 */
package app.tablecart.table.boundary;
