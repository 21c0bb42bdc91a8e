package app.tablecart.platform;

import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns any failure into what the client is told, on REST and on sockets alike. */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {}

    /**
     * The client's fault, found inside whatever wraps it (a refusal thrown in a {@code @Transactional} method can
     * reach the caller wrapped); anything else is logged once with an incident id that the client is given.
     */
    public static ApiException describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException refusal) {
                return refusal;
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, failure);
        return new ApiException(Problem.INTERNAL, "internal error, incident " + incident);
    }
}
