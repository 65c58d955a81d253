package dev.colineage.graph.check;

import dev.colineage.core.model.Transformation;
import java.util.Comparator;
import java.util.Objects;

/** One input of a column (or, for a table-wide input, of a table's rows) in an old or new definition. */
public record LineageInput(String source, Transformation.Type type, Transformation.Subtype subtype, boolean masking) {
    public LineageInput {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(subtype, "subtype is null");
    }

    static final Comparator<LineageInput> ORDER = Comparator.comparing(LineageInput::source)
            .thenComparing(LineageInput::subtype).thenComparing(LineageInput::masking);

    /** As a line says it: {@code p.d.t.c DIRECT/TRANSFORMATION masked}. */
    @Override
    public String toString() {
        return source + " " + type + "/" + subtype + (masking ? " masked" : "");
    }
}
