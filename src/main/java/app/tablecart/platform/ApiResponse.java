package app.tablecart.platform;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.nio.charset.StandardCharsets;

/**
 * The envelope the seed's clients read: {@code {"code":200,"message":"…","data":…}}. {@code code} repeats the HTTP
 * status so that clients that only look at the body (mini-programs, the seed's polling snippet) see errors too.
 */
@JsonbPropertyOrder({"code", "message", "data"})
public record ApiResponse<T>(int code, String message, T data) {

    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(200, message, data);
    }

    /**
     * The same envelope around data that is JSON already (a cart, made into JSON once for the caller and every live
     * channel), as the body's bytes.
     */
    public static byte[] ok(String message, String dataJson) {
        return ("{\"code\":200,\"message\":" + (message == null ? "null" : Json.quote(message)) + ",\"data\":"
                        + dataJson + "}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
