package app.tablecart.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** Every REST resource and SSE stream lives under {@code /api}; callers present MicroProfile JWT bearer tokens. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"diner", "staff"})
@ApplicationScoped // MicroProfile JWT on Payara only activates for an Application that is a CDI bean
public class RestApplication extends Application {
}
