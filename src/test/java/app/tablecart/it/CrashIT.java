package app.tablecart.it;

import static app.tablecart.it.support.Carts.version;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.tablecart.it.support.Api;
import app.tablecart.it.support.Carts;
import app.tablecart.it.support.Menu;
import app.tablecart.it.support.PayaraMicroProcess;
import app.tablecart.it.support.Server;
import app.tablecart.it.support.TestDatabase;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change the service confirmed survives a crash of its process (issue 21): 60 changes, each answered 200, then
 * {@code kill -9} right after the last answer, a new server on the same data, and the cart holds all 60. On the run's
 * database: H2 (in a folder of this test's own, which the server keeps locked while it runs) or PostgreSQL. This class
 * starts its own servers: a crash is not something Arquillian's container survives.
 */
class CrashIT {

    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final int TABLE = 20;
    private static final int CHANGES = 60;

    @Test
    void everyChangeAnsweredBeforeAKillIsThereAfterTheRestart() throws IOException {
        Path work = Path.of(System.getProperty("tablecart.it.work", "target/it-work"))
                .toAbsolutePath();
        Files.createDirectories(work);
        Path folder = Files.createTempDirectory(work, "crash-");
        List<String> jvm = new ArrayList<>(TestDatabase.jvmOptions());
        if (TestDatabase.settings().kind() == TestDatabase.Kind.H2) {
            jvm.removeIf(option -> option.startsWith("-Dtablecart.data.dir="));
            jvm.add("-Dtablecart.data.dir=" + folder.resolve("data"));
        }

        long confirmedVersion;
        int confirmedQuantity;
        PayaraMicroProcess first = PayaraMicroProcess.start(folder.resolve("before"), jvm, TestDatabase.microOptions());
        try {
            Server server = first.awaitReady(STARTUP);
            Api staff = server.tokens().staffApi(1);
            Menu menu = Menu.of(staff, 1);
            staff.clear(TABLE).ok();
            JsonObject cart = null;
            for (int i = 0; i < CHANGES; i++) {
                cart = staff.add(TABLE, menu.id(i % menu.size()), 1).ok().cart();
            }
            confirmedVersion = version(cart);
            confirmedQuantity = cart.getInt("totalQuantity");
            first.crash();
        } finally {
            first.close();
        }
        assertEquals(CHANGES, confirmedQuantity, "the last answer holds every change");

        try (PayaraMicroProcess second =
                PayaraMicroProcess.start(folder.resolve("after"), jvm, TestDatabase.microOptions())) {
            Server server = second.awaitReady(STARTUP);
            JsonObject after = server.tokens().staffApi(1).cart(TABLE);
            assertEquals(confirmedVersion, version(after), "the cart's version after the crash");
            assertEquals(CHANGES, after.getInt("totalQuantity"), "dishes in the cart after the crash: " + after);
            Carts.assertWellFormed(after);
        }
    }
}
