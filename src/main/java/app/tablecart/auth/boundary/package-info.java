/**
 * Signing in ({@code POST /api/auth/staff}) and the public key of the service's tokens
 * ({@code /.well-known/jwks.json}).
 */
package app.tablecart.auth.boundary;
