package app.tablecart.platform;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of a REST call becomes the envelope with the right status. */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof WebApplicationException web && !(web.getCause() instanceof JsonException)) {
            int status = web.getResponse().getStatus();
            return respond(status, status == 404 ? "no such resource" : web.getMessage());
        }
        if (isUnreadableBody(failure)) {
            return respond(400, "the request body is not valid JSON");
        }
        ApiException refusal = Failures.describe(failure);
        Response response = respond(refusal.problem().status(), refusal.getMessage());
        if (refusal.retryAfter() != null) {
            response.getHeaders().putSingle("Retry-After", refusal.retryAfter().toSeconds());
        }
        return response;
    }

    private static boolean isUnreadableBody(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonException || t instanceof JsonbException || t instanceof ProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiResponse<Void>(status, message, null))
                .build();
    }
}
