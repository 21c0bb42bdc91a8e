package app.tablecart.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A Payara Micro process that a test starts itself (for a configuration the Arquillian container, whose settings are
 * global to the run, cannot give one class): {@code java <jvmOptions> -jar ${payara.microJar} --deploy
 * ${tablecart.it.war} --port <free port> --rootdir <own folder> <the run's Payara options>}, console to a file that the log check
 * searches. {@link #close()} ends the process and its descendants, always within a bound.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PayaraMicroProcess.class.getName());

    private final Process process;
    private final Path console;
    private final Server server;
    private final Thread shutdownHook;

    private PayaraMicroProcess(Process process, Path console, Server server) {
        this.process = process;
        this.console = console;
        this.server = server;
        this.shutdownHook = new Thread(this::kill, "stop " + console.getFileName());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the built WAR with these JVM options in {@code folder} (its console goes to folder/console.log). */
    public static PayaraMicroProcess start(Path folder, List<String> jvmOptions) {
        return start(folder, jvmOptions, TestDatabase.payaraOptions());
    }

    /**
     * Starts the built WAR with these JVM options and Payara Micro options (e.g. the run's own, from
     * {@link TestDatabase#microOptions()}) in {@code folder}.
     */
    public static PayaraMicroProcess start(Path folder, List<String> jvmOptions, List<String> microOptions) {
        Path microJar = Path.of(required("payara.microJar")).toAbsolutePath();
        Path war = Path.of(required("tablecart.it.war")).toAbsolutePath();
        int port = freePort();
        Path console = folder.resolve("console.log");
        Path root = folder.resolve("payara-root");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                microJar.toString(),
                "--deploy",
                war.toString(),
                "--port",
                String.valueOf(port),
                "--rootdir",
                root.toString()));
        command.addAll(microOptions);
        try {
            Files.createDirectories(root);
            ServerConsole.register(console);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(console.toFile())
                    .start();
            LOG.info("tablecart IT: started Payara Micro pid " + process.pid() + " on port " + port + ", console "
                    + console);
            String contextRoot = war.getFileName().toString().replaceFirst("\\.war$", "");
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            return new PayaraMicroProcess(process, console, new Server(base.resolve(contextRoot + "/"), base));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    public Server server() {
        return server;
    }

    /**
     * Waits until readiness answers 200 on loopback; 404 and 500 (deploying, migrating) and refused connections are
     * "not yet". Fails at once when the process ends, with the end of its console.
     */
    public Server awaitReady(Duration timeout) {
        Api api = server.api();
        Await.until("Payara Micro on " + server.root() + " answers GET /health/ready with 200", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("Payara Micro ended with exit code " + process.exitValue()
                        + " before it was ready; its console ends with:\n" + tail(40));
            }
            try {
                return api.send("GET", server.atRoot("health/ready"), null, null)
                                .status()
                        == 200;
            } catch (AssertionError notListeningYet) {
                return false; // connection refused while Payara Micro boots
            }
        });
        return server;
    }

    /** The last lines of the console, tokens redacted. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(console, StandardCharsets.UTF_8);
            return Redact.text(String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())));
        } catch (IOException | UncheckedIOException e) {
            return "(console not readable: " + e + ")";
        }
    }

    /** Kills the process at once (SIGKILL), as a crash would: nothing is flushed, no shutdown hook runs. */
    public void crash() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Payara Micro pid " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** SIGTERM to the process and its descendants, SIGKILL for whatever is still alive after 20 s; bounded. */
    private synchronized void kill() {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOG.warning("tablecart IT: Payara Micro pid " + process.pid() + " ignored SIGTERM; killing it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "system property " + property + " is not set (failsafe sets it in pom.xml)");
        }
        return value;
    }
}
