package dev.colineage.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards the write endpoints: {@code Authorization: Bearer TOKEN} with the token the server was given
 * ({@code COLINEAGE_ADMIN_TOKEN}). No header: 401; a wrong token, or no token configured: 403.
 */
final class AdminAuth {

    private final Optional<byte[]> token;

    AdminAuth(Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a token is configured: the MCP endpoint asks for it only then. */
    boolean configured() {
        return token.isPresent();
    }

    /** Whether an {@code Authorization} header carries the admin token (constant time). */
    boolean accepts(String header) {
        if (token.isEmpty() || header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token.get());
    }

    void check(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Problem(401, "Unauthorized", "admin endpoints need 'Authorization: Bearer <token>'");
        }
        if (token.isEmpty()) {
            throw new Problem(403, "Forbidden", "admin endpoints are disabled: start the server with COLINEAGE_ADMIN_TOKEN set");
        }
        byte[] given = header.startsWith("Bearer ") ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        // constant time: the comparison does not tell how much of a guess was right
        if (!MessageDigest.isEqual(given, token.get())) {
            throw new Problem(403, "Forbidden", "the bearer token is not the admin token");
        }
    }
}
