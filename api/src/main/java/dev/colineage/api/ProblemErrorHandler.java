package dev.colineage.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself, before a request reaches a route (a URI or headers too long, a body
 * too large, a malformed or ambiguous URI), as RFC 7807 problem details like every other API error,
 * rather than Jetty's HTML or plain-text pages. The detail is Jetty's reason, never a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String title = HttpStatus.getMessage(code);
        String detail = message == null || message.isBlank() || message.equals(title)
                ? "the server refused the request before reading it: " + title.toLowerCase(java.util.Locale.ROOT)
                : message;
        String path;
        try {
            path = request.getHttpURI() == null ? "" : String.valueOf(request.getHttpURI().getPath());
        } catch (RuntimeException e) {
            path = "";
        }
        // a 414 names a URI of any length: keep the instance short
        String instance = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        byte[] body = Problem.body(code, title, detail, instance).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
