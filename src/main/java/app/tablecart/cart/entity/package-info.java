/**
 * The cart and its lines, the rules and arithmetic of changing them, and the cart as every channel sends it.
 */
package app.tablecart.cart.entity;
