package app.tablecart.platform;

/** The kinds of refusal a client can get, with their HTTP status and the machine word sent on sockets. */
public enum Problem {
    BAD_REQUEST(400, "bad_request"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not_found"),
    CONFLICT(409, "conflict"),
    TOO_MANY_REQUESTS(429, "rate_limited"),
    INTERNAL(500, "internal"),
    SERVICE_UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String code;

    Problem(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
