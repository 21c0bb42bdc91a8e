package app.tablecart.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Request bodies reach the REST resources whole, small and in time, and no thread waits for one:
 * <ul>
 *   <li>a body that arrived with its headers is taken at once;</li>
 *   <li>one still on its way is read without a thread (Servlet's non-blocking read), then the request is dispatched
 *       again with the body from memory: a client that trickles its upload holds a connection, never one of the
 *       server's few worker threads (a blocking read held one per upload, and 34 such uploads stopped the service);
 *       one that has not arrived within {@code tablecart.http.body-timeout} is answered 408;</li>
 *   <li>one over {@code tablecart.http.max-body} bytes is answered 413, before it is read (by its
 *       {@code Content-Length}) or as soon as it grows past the limit (chunked);</li>
 *   <li>JSON nested beyond {@code tablecart.json.max-depth} is answered 400 ({@link Json#requireShallow}).</li>
 * </ul>
 * Each refusal is the API's envelope, and the connection is closed rather than drained. Requests without a body
 * (reads, event streams) pass straight through.
 * <p>
 * On its second dispatch a request runs on the container's async threads, where Payara 6 neither activates CDI's
 * request context (activated here) nor sets the thread's security context: a request there saw the principal of the
 * thread's previous request. So the caller is pinned when the request arrives, where the container has just
 * authenticated it: the request the resources see answers {@code getUserPrincipal} and {@code isUserInRole} (the
 * token's groups, as MicroProfile JWT maps them) from it, and the resources take their caller from that request's
 * {@code SecurityContext}, never from an injected {@code JsonWebToken}, which follows the thread.
 */
@WebFilter(
        urlPatterns = "/api/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class RequestBodies implements Filter {

    @Inject
    @ConfigProperty(name = "tablecart.http.max-body")
    int maxBytes;

    @Inject
    @ConfigProperty(name = "tablecart.http.body-timeout")
    Duration timeout;

    @Inject
    Instance<RequestContextController> requestContexts; // one per use: a controller is not to be shared by threads

    @Resource
    ManagedThreadFactory threads;

    /** Ends bodies that take too long (the container's async timeout would also end a request still being served). */
    private ScheduledExecutorService deadlines;

    @PostConstruct
    void start() {
        deadlines = Executors.newSingleThreadScheduledExecutor(threads);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            continueWithBody(request, response, chain);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        long length = http.getContentLengthLong();
        boolean chunked = "chunked".equalsIgnoreCase(http.getHeader("Transfer-Encoding"));
        if (length <= 0 && !chunked) {
            chain.doFilter(request, response);
            return;
        }
        if (length > maxBytes) {
            refuse(answer, 413, tooLarge());
            return;
        }
        ServletInputStream in = http.getInputStream();
        Body body = new Body(http);
        if (!chunked && in.available() >= length) {
            if (accepted(body, in.readNBytes((int) length), answer)) {
                chain.doFilter(body, response);
            }
            return;
        }
        AsyncContext async = http.startAsync(body, response);
        async.setTimeout(0);
        Reading reading = new Reading(async, in, body, answer);
        async.addListener(reading);
        reading.deadline = deadlines.schedule(reading::tooSlow, timeout.toMillis(), TimeUnit.MILLISECONDS);
        in.setReadListener(reading);
    }

    /** The dispatch after a body was read here: the resources run, with CDI's request context active. */
    private void continueWithBody(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof Body)) {
            chain.doFilter(request, response);
            return;
        }
        RequestContextController requestContext = requestContexts.get();
        boolean activated = requestContext.activate();
        try {
            chain.doFilter(request, response);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
            requestContexts.destroy(requestContext);
        }
    }

    /** Keeps a complete body for the resources, unless its JSON nests too deep (then answered 400). */
    private static boolean accepted(Body body, byte[] read, HttpServletResponse response) throws IOException {
        String type = body.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).contains("json")) {
            try {
                Json.requireShallow(read.length, i -> read[i]);
            } catch (ApiException tooDeep) {
                refuse(response, tooDeep.problem().status(), tooDeep.getMessage());
                return false;
            }
        }
        body.content = read;
        return true;
    }

    private String tooLarge() {
        return "the request body is larger than " + maxBytes + " bytes";
    }

    /** Answers with the envelope and closes the connection: the rest of the body is not read. */
    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        byte[] envelope =
                Json.toJson(new ApiResponse<Void>(status, message, null)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(envelope.length);
        response.getOutputStream().write(envelope);
    }

    /** A body on its way; whichever comes first settles it: all of it, too much of it, the timeout, a failure. */
    private final class Reading implements ReadListener, AsyncListener {

        private final AsyncContext async;
        private final ServletInputStream in;
        private final Body body;
        private final HttpServletResponse response;
        private final ByteArrayOutputStream read = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[4096];
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;

        Reading(AsyncContext async, ServletInputStream in, Body body, HttpServletResponse response) {
            this.async = async;
            this.in = in;
            this.body = body;
            this.response = response;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!settled.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                read.write(buffer, 0, n);
                if (read.size() > maxBytes) {
                    refuseOnce(413, tooLarge());
                }
            }
        }

        @Override
        public void onAllDataRead() throws IOException {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel(false);
                if (accepted(body, read.toByteArray(), response)) {
                    async.dispatch();
                } else {
                    async.complete();
                }
            }
        }

        void tooSlow() {
            try {
                refuseOnce(408, "the request body did not arrive within " + timeout.toSeconds() + " s");
            } catch (IOException | RuntimeException clientGone) {
                async.complete();
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // no container timeout is set: the deadline above ends a slow body
        }

        @Override
        public void onError(Throwable failure) {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel(false);
                async.complete(); // the client went away: nobody is left to answer
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // nothing held
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }

        private void refuseOnce(int status, String message) throws IOException {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel(false);
                try {
                    refuse(response, status, message);
                } finally {
                    async.complete();
                }
            }
        }
    }

    /** The request as the resources see it: its body from memory, and its caller as authenticated on arrival. */
    private static final class Body extends HttpServletRequestWrapper {

        private final Principal caller;
        private volatile byte[] content = new byte[0];

        Body(HttpServletRequest request) {
            super(request);
            this.caller = request.getUserPrincipal();
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller == null ? null : caller.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller instanceof JsonWebToken token
                    && token.getGroups() != null
                    && token.getGroups().contains(role);
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream from = new ByteArrayInputStream(content);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return from.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return from.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return from.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String charset = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(
                    getInputStream(), charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset)));
        }

        @Override
        public int getContentLength() {
            return content.length;
        }

        @Override
        public long getContentLengthLong() {
            return content.length;
        }
    }
}
