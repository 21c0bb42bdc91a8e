package app.tablecart.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date before the first request (Flyway, {@code db/migration}), then announces
 * {@link DatabaseReady}. Hibernate never creates or validates tables: the migrations are the schema.
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
        migrated = true;
        ready.fire(new DatabaseReady());
    }

    public boolean migrated() {
        return migrated;
    }

    /** Fired once the schema is current; data loaders observe it. */
    public record DatabaseReady() {
    }
}
