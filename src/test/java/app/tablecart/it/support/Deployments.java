package app.tablecart.it.support;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of every IT class (the WAR that {@code mvn package} built, unchanged) and the loopback addresses of
 * the server that runs it.
 */
public final class Deployments {

    /** Arquillian deploys at /tablecart/ (the archive name). */
    public static final String ARCHIVE_NAME = "tablecart.war";

    private static final String CONTEXT_ROOT = "tablecart/";

    private Deployments() {}

    /** For {@code @Deployment(testable = false)}: the built WAR, imported as is. */
    public static WebArchive war() {
        File war = new File(System.getProperty("tablecart.it.war", "target/tablecart.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("WAR not found at " + war.getAbsolutePath() + ": run mvn package first");
        }
        return ShrinkWrap.create(ZipImporter.class, ARCHIVE_NAME)
                .importFrom(war)
                .as(WebArchive.class);
    }

    /**
     * The server as the tests see it: the application base {@code http://127.0.0.1:<port>/tablecart/} and the server
     * root {@code http://127.0.0.1:<port>/} (MicroProfile Health and Metrics). Only the port is taken from what the
     * container reports: it reports the machine's network address (all test traffic stays on loopback), and its
     * parse of Payara's start-up output sometimes misses the application, leaving the path at "/" — the context root
     * is the archive's name, which the tests chose.
     */
    public static Server server(URL reported) {
        if (reported == null) {
            throw new IllegalStateException("no @ArquillianResource URL injected");
        }
        int port = reported.getPort() > 0 ? reported.getPort() : reported.getDefaultPort();
        URI root = URI.create("http://127.0.0.1:" + port + "/");
        return new Server(root.resolve(CONTEXT_ROOT), root);
    }
}
