package dev.colineage.api.answer;

import java.util.Objects;

/** An RFC 7807 problem body: every API error has this shape. */
public record ProblemDetails(String type, String title, int status, String detail, String instance) {
    public ProblemDetails {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(title, "title is null");
        Objects.requireNonNull(detail, "detail is null");
        Objects.requireNonNull(instance, "instance is null");
    }
}
