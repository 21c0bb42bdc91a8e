/**
 * The dishes a store serves, and staff marking one sold out or back.
 */
package app.tablecart.menu;
