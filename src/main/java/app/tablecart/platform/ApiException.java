package app.tablecart.platform;

import java.time.Duration;

/**
 * A request refused for a reason the client can fix. The message is shown to the user as is: it names the field or
 * the thing that was not found, and never carries secrets. Thrown before anything is written, or inside the
 * transaction it rolls back.
 */
public class ApiException extends RuntimeException {

    private final Problem problem;
    private final String code;
    private final Duration retryAfter;

    public ApiException(Problem problem, String message) {
        this(problem, problem.code(), message);
    }

    /** With a more precise machine word than the problem's own, e.g. {@code token_expired} for a 401. */
    public ApiException(Problem problem, String code, String message) {
        this(problem, code, message, null);
    }

    private ApiException(Problem problem, String code, String message, Duration retryAfter) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.problem = problem;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /**
     * 429: the client did something too often; the message and {@code Retry-After} say how long it must wait (whole
     * seconds, rounded up).
     */
    public static ApiException tooMany(String code, String message, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(
                Problem.TOO_MANY_REQUESTS,
                code,
                message + "; try again in " + seconds + " s",
                Duration.ofSeconds(seconds));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Problem.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Problem.NOT_FOUND, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(Problem.UNAUTHORIZED, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Problem.FORBIDDEN, message);
    }

    public Problem problem() {
        return problem;
    }

    /** How long the client must wait before trying again; null when waiting would not help. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The machine word sent on sockets as {@code data.code}. */
    public String code() {
        return code;
    }
}
