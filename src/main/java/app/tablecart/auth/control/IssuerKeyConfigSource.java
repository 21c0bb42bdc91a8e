package app.tablecart.auth.control;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code mp.jwt.verify.publickey} = the service's own issuer key, so MicroProfile JWT verifies the tokens the
 * service signs, without a key file to configure. It steps aside when an operator configures a verification key
 * (an external identity provider): then only that key is trusted. Its ordinal sits above the WAR's
 * {@code microprofile-config.properties} and below environment variables and system properties.
 */
public class IssuerKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    /** Whether verification keys come from the operator's configuration rather than from our own issuer key. */
    public static boolean externalKeyConfigured() {
        return IssuerKeys.setting(PUBLIC_KEY, null) != null || IssuerKeys.setting(PUBLIC_KEY_LOCATION, null) != null;
    }

    @Override
    public Set<String> getPropertyNames() {
        return externalKeyConfigured() ? Set.of() : Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return externalKeyConfigured()
                ? Map.of()
                : Map.of(PUBLIC_KEY, IssuerKeys.get().publicKeyPem());
    }

    @Override
    public String getValue(String propertyName) {
        if (!PUBLIC_KEY.equals(propertyName) || externalKeyConfigured()) {
            return null;
        }
        return IssuerKeys.get().publicKeyPem();
    }

    @Override
    public String getName() {
        return "tablecart-issuer-key";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
