package app.tablecart.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every REST resource and SSE stream lives under {@code /api}. */
@ApplicationPath("api")
@ApplicationScoped // MicroProfile JWT on Payara only activates for an Application that is a CDI bean
public class RestApplication extends Application {
}
