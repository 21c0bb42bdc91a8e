/**
 * Tokens: issuing, verifying, reading their claims into a caller; staff passwords and the limits on guessing
 * secrets; tablecart's numeric user ids.
 */
package app.tablecart.auth.control;
