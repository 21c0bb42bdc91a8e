package app.tablecart.platform;

/**
 * A request refused for a reason the client can fix. The message is shown to the user as is: it names the field or
 * the thing that was not found, and never carries secrets. Thrown before anything is written, or inside the
 * transaction it rolls back.
 */
public class ApiException extends RuntimeException {

    private final Problem problem;

    public ApiException(Problem problem, String message) {
        super(message, null, false, false); // an expected outcome: no stack trace to fill
        this.problem = problem;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(Problem.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(Problem.NOT_FOUND, message);
    }

    public Problem problem() {
        return problem;
    }
}
