package app.tablecart.auth.control;

/** Where a token travels: {@code Authorization: Bearer …}, or (SSE, WebSocket) the {@code access_token} parameter. */
public final class Bearer {

    public static final String QUERY_PARAMETER = "access_token";
    private static final String SCHEME = "Bearer ";

    private Bearer() {}

    /** The header's token if there is one, else the parameter's; null if neither. */
    public static String token(String authorizationHeader, String accessTokenParameter) {
        if (authorizationHeader != null && authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return authorizationHeader.substring(SCHEME.length()).trim();
        }
        return accessTokenParameter;
    }
}
