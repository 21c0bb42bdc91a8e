package app.tablecart.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Every REST resource and SSE stream lives under {@code /api}; callers present MicroProfile JWT bearer tokens, which
 * the server verifies before a request reaches the application. Who may do what is then decided in one place, the
 * resources' {@code Callers.of} (a token of a known role, 401 otherwise) and the access rule: no resource carries
 * {@code @RolesAllowed}, whose Payara filter reads the thread's security context, which on a request dispatched again
 * after its body was read ({@link RequestBodies}) belongs to another request.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"diner", "staff"})
@ApplicationScoped // MicroProfile JWT on Payara only activates for an Application that is a CDI bean
public class RestApplication extends Application {}
