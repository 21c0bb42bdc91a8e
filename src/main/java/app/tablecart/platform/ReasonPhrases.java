package app.tablecart.platform;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The standard reason phrase on the status line for the statuses Payara's HTTP layer (Grizzly, 6 and 7) has no name
 * for: it writes {@code 429 CUSTOM}. Servlet 6 has no way to set a reason phrase, so on Payara the phrase is handed to
 * Grizzly's response behind the servlet one; on another server (WildFly's Undertow names 429 itself), or should
 * Payara's insides change, this does nothing.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class ReasonPhrases implements Filter {

    private static final Logger LOG = Logger.getLogger(ReasonPhrases.class.getName());
    private static final Map<Integer, String> UNNAMED = Map.of(429, "Too Many Requests");
    private static final String PAYARA_FACADE = "org.apache.catalina.connector.ResponseFacade";

    private static volatile boolean unsupported;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (unsupported || !response.getClass().getName().equals(PAYARA_FACADE)) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
            @Override
            public void setStatus(int status) {
                super.setStatus(status);
                String phrase = UNNAMED.get(status);
                if (phrase != null) {
                    name(response, status, phrase);
                }
            }
        });
    }

    /** ResponseFacade.response (Catalina's) → getCoyoteResponse() (Grizzly's) → setStatus(status, phrase). */
    private static void name(ServletResponse facade, int status, String phrase) {
        try {
            Field catalina = facade.getClass().getDeclaredField("response");
            catalina.setAccessible(true);
            Object catalinaResponse = catalina.get(facade);
            Object grizzly =
                    catalinaResponse.getClass().getMethod("getCoyoteResponse").invoke(catalinaResponse);
            Method setStatus = grizzly.getClass().getMethod("setStatus", int.class, String.class);
            setStatus.invoke(grizzly, status, phrase);
        } catch (ReflectiveOperationException | RuntimeException changed) {
            unsupported = true;
            LOG.info("This server's HTTP layer keeps its own reason phrases (" + changed + ")");
        }
    }
}
