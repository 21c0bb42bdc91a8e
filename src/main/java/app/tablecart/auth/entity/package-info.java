/**
 * The caller of a request and the person behind a change; staff accounts and token subjects as stored.
 */
package app.tablecart.auth.entity;
