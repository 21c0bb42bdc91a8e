/**
 * A store's menu over REST: the list, and sold out / back.
 */
package app.tablecart.menu.boundary;
