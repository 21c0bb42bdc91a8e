package app.tablecart.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The envelope the seed's clients read: {@code {"code":200,"message":"…","data":…}}. {@code code} repeats the HTTP
 * status so that clients that only look at the body (mini-programs, the seed's polling snippet) see errors too.
 */
@JsonbPropertyOrder({"code", "message", "data"})
public record ApiResponse<T>(int code, String message, T data) {

    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(200, message, data);
    }

    public static ApiResponse<Void> error(Problem problem, String message) {
        return new ApiResponse<>(problem.status(), message, null);
    }
}
