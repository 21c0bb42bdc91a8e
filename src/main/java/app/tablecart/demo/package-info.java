/** Two demo restaurants with tables and menus, for the embedded run ({@code tablecart.demo=true}). */
package app.tablecart.demo;
