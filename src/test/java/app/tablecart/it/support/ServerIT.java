package app.tablecart.it.support;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every black-box test class starts from: Arquillian deploys the built WAR, unchanged, on its own server; the
 * test speaks HTTP, SSE and WebSocket to it over loopback ({@link #server}, {@link #tokens}), and the clients it
 * {@link #track}s are closed after each test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServerIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @ArquillianResource
    URL deployed;

    protected Server server;
    protected Tokens tokens;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void connectToTheServer() {
        server = Deployments.server(deployed).awaitReady(STARTUP);
        tokens = server.tokens();
    }

    @AfterEach
    void closeTrackedClients() {
        closeClients();
    }

    /** Closes every client tracked so far (also mid-test, before a check that needs them gone). */
    protected void closeClients() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception alreadyGone) {
                // closing anyway
            }
        }
        clients.clear();
    }

    /** Closes the client after the test. */
    protected <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }
}
