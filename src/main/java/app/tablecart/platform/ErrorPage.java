package app.tablecart.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Errors the container answers itself — a missing or refused token (MicroProfile JWT), an unknown path — in the
 * same JSON envelope as the API's own, instead of an HTML page (see WEB-INF/web.xml).
 */
@WebServlet("/error-page")
public class ErrorPage extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : response.getStatus();
        String message = switch (status) {
            case 401 -> "a valid token is required";
            case 403 -> "this token may not do that";
            case 404 -> "no such resource";
            case 405 -> "method not allowed";
            default -> status >= 500 ? "internal error" : "request refused";
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.toJson(new ApiResponse<Void>(status, message, null)));
    }
}
