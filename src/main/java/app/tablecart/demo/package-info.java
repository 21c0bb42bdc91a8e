/**
 * Two demo restaurants with tables, menus and staff, for the embedded run ({@code tablecart.demo=true}).
 */
package app.tablecart.demo;
