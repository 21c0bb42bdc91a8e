package app.tablecart.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The application's data source. Class, URL and credentials come from MicroProfile Config (embedded H2 by default,
 * PostgreSQL in production: see README "Configuration"). Declared on a listener because Payara binds
 * {@code @DataSourceDefinition} of web components before CDI starts; the listener itself does nothing.
 * <p>
 * Connections are validated ({@code Connection.isValid}) when taken from the pool, at most once per 10 s each (under
 * load, validating on every checkout cost a round trip and a class loader lock per transaction), and one failure
 * empties the pool, so the service recovers by itself after a database restart.
 */
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "${MPCONFIG=tablecart.db.datasource}",
        url = "${MPCONFIG=tablecart.db.url}",
        user = "${MPCONFIG=tablecart.db.user}",
        password = "${MPCONFIG=tablecart.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        initialPoolSize = 2,
        maxIdleTime = 300,
        properties = {
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=custom-validation",
            "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
            "fish.payara.validate-atmost-once-period-in-seconds=10",
            "fish.payara.fail-all-connections=true",
            "fish.payara.max-wait-time-in-millis=10000"
        })
@WebListener
public class Database implements ServletContextListener {

    public static final String JNDI_NAME = "java:app/jdbc/tablecart";
}
