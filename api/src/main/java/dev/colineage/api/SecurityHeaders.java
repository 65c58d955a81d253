package dev.colineage.api;

import io.javalin.http.Context;

/**
 * The headers every answer carries so that a browser treats it safely: no content sniffing, no framing
 * (the page is never embedded), scripts and data only from this server (the page loads its script and
 * Cytoscape from here and has no inline script), and no referrer leaking column names to other sites.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
