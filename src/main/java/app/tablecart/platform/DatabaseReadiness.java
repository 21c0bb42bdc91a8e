package app.tablecart.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the schema is migrated and the database answers within two seconds. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (!schema.migrated()) {
            return response.down().withData("reason", "schema not migrated yet").build();
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(TIMEOUT_SECONDS);
            return response.status(valid)
                    .withData("reason", valid ? "reachable" : "no answer")
                    .build();
        } catch (Exception unreachable) {
            // The exception class only: driver messages can carry host names and user names.
            return response.down()
                    .withData("reason", unreachable.getClass().getSimpleName())
                    .build();
        }
    }
}
