/**
 * Who is acting: tokens and signing in. MicroProfile JWT verifies {@code Authorization: Bearer} tokens on REST;
 * {@link app.tablecart.auth.control.TokenVerifier} verifies the same tokens, with the same {@code mp.jwt.*}
 * configuration, where they travel as {@code ?access_token=} (SSE, WebSocket); {@link app.tablecart.auth.control.Callers}
 * reads either into the same {@link app.tablecart.auth.entity.Caller}. Staff sign in with a password; the service signs
 * tokens with its issuer key ({@link app.tablecart.auth.control.IssuerKeys}) unless an external identity provider's key
 * is configured. Knows no tables: where a caller may act is the table feature's access rule.
 */
package app.tablecart.auth;
