package dev.colineage.graph.openlineage;

import java.util.Objects;

/** Where a query taken in from OpenLineage came from: the system that sent it and the job it names. */
public record JobOrigin(String fingerprint, String producer, String namespace, String name) {

    public JobOrigin {
        Objects.requireNonNull(fingerprint, "fingerprint is null");
        Objects.requireNonNull(producer, "producer is null");
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(name, "name is null");
    }
}
