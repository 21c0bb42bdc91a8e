/** The dishes a store serves ({@code Cuisine}) and the menu query. */
package app.tablecart.menu;
