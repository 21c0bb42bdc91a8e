package app.tablecart.it.support;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server consoles of a test run, kept in files so that a test can search them.
 * <p>
 * Where the server's console goes: the Arquillian Payara Micro container (3.1) starts Payara Micro with
 * {@code redirectErrorStream(true)}, reads its output line by line and, with {@code consoleOutput} true (the default,
 * {@code payara.consoleOutput}), prints every line with {@code System.out.println} in the test JVM
 * ({@code OutputLoggingConsumer}). Failsafe forwards the test JVM's stdout to the build output, or to
 * {@code failsafe-reports/*-output.txt} when {@code redirectTestOutputToFile} is set. {@link #capture} therefore
 * puts a tee on {@code System.out} before the first server starts: every line still reaches failsafe, and a copy goes
 * to the run's console file. Servers that tests start themselves write to files registered with {@link #register}.
 */
public final class ServerConsole {

    private static final Logger LOG = Logger.getLogger(ServerConsole.class.getName());
    /** A JWT's header and payload ("eyJ" = base64url of {@code {"}), whoever issued it. */
    private static final Pattern JWT_SHAPE = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

    private static final Pattern BASE64URL_RUN = Pattern.compile("[A-Za-z0-9_-]{16,}");

    private static final List<Path> FILES = new CopyOnWriteArrayList<>();
    private static volatile Path captured;
    private static volatile long runStartedMillis = System.currentTimeMillis();

    private ServerConsole() {}

    /** Tees {@code System.out} into {@code file} for the rest of the JVM's life (once per run). */
    static synchronized void capture(Path file) {
        if (captured != null) {
            return;
        }
        runStartedMillis = System.currentTimeMillis();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            OutputStream copy = Files.newOutputStream(
                    file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            PrintStream original = System.out;
            System.setOut(new PrintStream(new Tee(original, copy), true, Charset.defaultCharset()));
            captured = file;
            FILES.add(file);
            LOG.info("tablecart IT: the server console (System.out) is also written to " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot capture System.out into " + file, e);
        }
    }

    /** Adds a console file of a server the tests started themselves. */
    public static void register(Path file) {
        FILES.add(file);
    }

    /**
     * The files to search: the captured console, the registered ones, and failsafe's {@code *-output.txt} files
     * written during this run (there when {@code redirectTestOutputToFile} is set).
     */
    public static List<Path> files() {
        Set<Path> all = new LinkedHashSet<>(FILES);
        String work = System.getProperty("tablecart.it.work");
        if (work != null) {
            Path reports = Path.of(work).toAbsolutePath().getParent().resolve("failsafe-reports");
            if (Files.isDirectory(reports)) {
                try (Stream<Path> walk = Files.walk(reports, 3)) {
                    walk.filter(p -> p.getFileName().toString().endsWith("-output.txt"))
                            .filter(ServerConsole::writtenThisRun)
                            .forEach(all::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return List.copyOf(all);
    }

    private static boolean writtenThisRun(Path file) {
        try {
            return Files.getLastModifiedTime(file).compareTo(FileTime.fromMillis(runStartedMillis)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Everything the searched files hold, each file's text in order. */
    public static String text() {
        System.out.flush();
        StringBuilder all = new StringBuilder();
        for (Path file : files()) {
            try {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return all.toString();
    }

    /**
     * Asserts that the consoles show at least one server start ("Payara Micro ... ready in") and contain none of the
     * tokens (whole, or any of their payload or signature segments), no other JWT-shaped text, and none of the join
     * codes. Failure messages name what leaked and where, never the secret itself.
     */
    public static void assertNoSecrets(Collection<String> tokens, Collection<String> joinCodes) {
        List<Path> files = files();
        String text = text();
        if (!text.contains("Payara Micro") || !text.contains("ready in")) {
            throw new AssertionError("the captured server console " + files + " holds no Payara Micro start-up lines "
                    + "(\"Payara Micro ... ready in\"): the log check would not see the server's log ("
                    + text.length() + " characters captured)");
        }
        Set<String> segments = new HashSet<>();
        for (String token : tokens) {
            String[] parts = token.split("\\.");
            if (parts.length < 2) {
                segments.add(token);
            }
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].length() >= 16) {
                    segments.add(parts[i]);
                }
            }
        }
        List<String> leaks = new ArrayList<>();
        Matcher runs = BASE64URL_RUN.matcher(text);
        while (runs.find() && leaks.size() < 10) {
            if (segments.contains(runs.group())) {
                leaks.add("a token of this run (" + runs.group().length() + "-character segment) at "
                        + where(text, runs.start()));
            }
        }
        Matcher jwt = JWT_SHAPE.matcher(text);
        while (jwt.find() && leaks.size() < 20) {
            leaks.add("JWT-shaped text at " + where(text, jwt.start()));
        }
        for (String code : joinCodes) {
            if (code.length() >= 8) {
                int at = text.indexOf(code);
                if (at >= 0 && leaks.size() < 30) {
                    leaks.add("a join code at " + where(text, at));
                }
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("the server console of this run (" + files + ", " + text.length()
                    + " characters) contains secrets:\n  " + String.join("\n  ", leaks));
        }
        LOG.info("tablecart IT: no token (" + tokens.size() + " known) and no join code (" + joinCodes.size() + ") in "
                + text.length() + " characters of server console " + files);
    }

    /** "line N: <the line with secrets redacted>" */
    private static String where(String text, int index) {
        int start = text.lastIndexOf('\n', index) + 1;
        int end = text.indexOf('\n', index);
        String line = text.substring(start, end < 0 ? text.length() : end);
        long number = text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        String safe = Redact.text(BASE64URL_RUN
                .matcher(line)
                .replaceAll(m -> m.group().length() >= 20 ? "<" + m.group().length() + " chars>" : m.group()));
        return "line " + number + ": " + (safe.length() > 300 ? safe.substring(0, 300) + "..." : safe);
    }

    /** Writes to both streams; a failing copy never disturbs the original. */
    private static final class Tee extends FilterOutputStream {

        private final OutputStream copy;
        private volatile boolean copyFailed;

        Tee(OutputStream original, OutputStream copy) {
            super(original);
            this.copy = copy;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            if (!copyFailed) {
                try {
                    copy.write(b);
                } catch (IOException e) {
                    copyFailed = true;
                }
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            if (!copyFailed) {
                try {
                    copy.write(b, off, len);
                } catch (IOException e) {
                    copyFailed = true;
                }
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
            if (!copyFailed) {
                try {
                    copy.flush();
                } catch (IOException e) {
                    copyFailed = true;
                }
            }
        }
    }
}
