/**
 * A dish ({@link app.tablecart.menu.entity.Cuisine}), its type, the form clients see, and the event of its
 * availability changing.
 */
package app.tablecart.menu.entity;
