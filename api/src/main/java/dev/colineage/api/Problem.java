package dev.colineage.api;

import java.util.Objects;

/**
 * An error the API reports as RFC 7807 problem details: a status, a short title, and a detail that
 * says what to change (naming the parameter for a 400).
 */
public final class Problem extends RuntimeException {

    /** Every problem body is UTF-8, and says so: names from logs are not ASCII. */
    public static final String CONTENT_TYPE = "application/problem+json; charset=utf-8";

    private final int status;
    private final String title;

    public Problem(int status, String title, String detail) {
        super(Objects.requireNonNull(detail, "detail is null"));
        this.status = status;
        this.title = Objects.requireNonNull(title, "title is null");
    }

    public static Problem badParameter(String parameter, String detail) {
        return new Problem(400, "Bad parameter: " + parameter, detail);
    }

    public static Problem notFound(String detail) {
        return new Problem(404, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The RFC 7807 body: type, title, status, detail, instance. */
    static String body(int status, String title, String detail, String instance) {
        return ApiJson.write(new dev.colineage.api.answer.ProblemDetails("about:blank", title, status, detail, instance));
    }
}
