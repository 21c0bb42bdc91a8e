/**
 * Who is acting, and where they may act. MicroProfile JWT verifies {@code Authorization: Bearer} tokens on REST;
 * {@link app.tablecart.auth.control.TokenVerifier} verifies the same tokens, with the same {@code mp.jwt.*}
 * configuration, where they travel as {@code ?access_token=} (SSE, WebSocket). Diners join a table with its code,
 * staff sign in with a password; the service signs their tokens with its issuer key
 * ({@link app.tablecart.auth.control.IssuerKeys}) unless an external identity provider's key is configured.
 * {@link app.tablecart.auth.control.TableAccess} is the one access rule for tables and stores.
 */
package app.tablecart.auth;
