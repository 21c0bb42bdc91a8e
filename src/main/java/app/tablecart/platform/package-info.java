/**
 * What every feature stands on: the JAX-RS application and its response envelope, error mapping, request bodies,
 * the JSON-B configuration, the rules for text and rates, the database (data source, Flyway migrations) and the
 * MicroProfile health checks. Imports no feature.
 */
package app.tablecart.platform;
