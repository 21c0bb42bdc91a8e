package app.tablecart.auth.boundary;

import app.tablecart.auth.control.IssuerKeyConfigSource;
import app.tablecart.auth.control.IssuerKeys;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/** {@code /.well-known/jwks.json}: the public key of the service's own tokens, for anyone who verifies them. */
@WebServlet("/.well-known/jwks.json")
public class JwksServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (IssuerKeyConfigSource.externalKeyConfigured()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "tokens come from the configured identity provider");
            return;
        }
        IssuerKeys keys = IssuerKeys.get();
        RsaJsonWebKey key = new RsaJsonWebKey(keys.publicKey());
        key.setKeyId(keys.keyId());
        key.setAlgorithm("RS256");
        key.setUse("sig");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "public, max-age=300");
        response.getWriter().write(new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
