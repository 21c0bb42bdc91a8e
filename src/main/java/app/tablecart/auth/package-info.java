/**
 * Who is acting. Until MicroProfile JWT lands (issue 3) a diner is a guest with a self-declared nickname; every
 * boundary obtains the {@link app.tablecart.auth.Diner} here, so the token check replaces this one place.
 */
package app.tablecart.auth;
