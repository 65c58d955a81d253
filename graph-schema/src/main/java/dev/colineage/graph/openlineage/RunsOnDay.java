package dev.colineage.graph.openlineage;

import java.time.LocalDate;
import java.util.Objects;

/** How many runs (of the interval asked) a UTC day holds. */
public record RunsOnDay(LocalDate day, long runs) {

    public RunsOnDay {
        Objects.requireNonNull(day, "day is null");
        if (runs < 0) {
            throw new IllegalArgumentException("runs must not be negative: " + runs);
        }
    }
}
