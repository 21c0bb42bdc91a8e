package app.tablecart.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before the first request (Flyway, {@code db/migration}), then announces
 * {@link DatabaseReady}. Hibernate never creates or validates tables: the migrations are the schema.
 * <p>
 * On H2 it also makes every commit reach the file before the commit returns ({@code WRITE_DELAY 0}, kept by the
 * database): by default H2 writes commits up to half a second later, and a killed process lost changes the service
 * had confirmed. PostgreSQL commits durably by itself.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Event<DatabaseReady> ready;

    private volatile boolean migrated;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        var result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        writeCommitsAtOnce();
        migrated = true;
        ready.fire(new DatabaseReady());
    }

    private void writeCommitsAtOnce() {
        try (Connection connection = dataSource.getConnection()) {
            if ("H2".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot make H2 write each commit at once", failed);
        }
    }

    public boolean migrated() {
        return migrated;
    }

    /** Fired once the schema is current; data loaders observe it. */
    public record DatabaseReady() {}
}
