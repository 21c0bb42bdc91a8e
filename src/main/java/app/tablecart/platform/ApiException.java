package app.tablecart.platform;

/**
 * A request refused for a reason the client can fix. The message is shown to the user as is: it names the field or
 * the thing that was not found, and never carries secrets. Thrown before anything is written, or inside the
 * transaction it rolls back.
 */
public class ApiException extends RuntimeException {

    private final Problem problem;
    private final String code;

    public ApiException(Problem problem, String message) {
        this(problem, problem.code(), message);
    }

    /** With a more precise machine word than the problem's own, e.g. {@code token_expired} for a 401. */
    public ApiException(Problem problem, String code, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.problem = problem;
        this.code = code;
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

    /** The machine word sent on sockets as {@code data.code}. */
    public String code() {
        return code;
    }
}
