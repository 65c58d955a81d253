package dev.colineage.graph.openlineage;

import java.util.Objects;

/** A top-level column of a table with the type the catalog gave it. */
public record SchemaColumn(String name, String type) {

    public SchemaColumn {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
    }
}
