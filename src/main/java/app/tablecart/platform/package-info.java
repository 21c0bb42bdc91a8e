/**
 * What every feature stands on: the JAX-RS application and its response envelope, error mapping, the JSON-B
 * configuration, the database (data source, Flyway migrations) and the MicroProfile health checks.
 */
package app.tablecart.platform;
