package dev.colineage.graph.check;

import dev.colineage.core.metadata.DefinitionKind;
import dev.colineage.graph.memory.LineageGraph;
import dev.colineage.graph.memory.StepPolicy;
import dev.colineage.graph.read.LineageTime;

/**
 * A walk's policy that does not cross into table snapshots: a snapshot is a copy frozen when it was taken
 * ({@code CREATE SNAPSHOT TABLE}), so no later change reaches it, and nothing breaks there. An edge stays
 * when any query behind it is not a snapshot.
 */
record FrozenCopies(StepPolicy base) implements StepPolicy {

    @Override
    public LineageTime time() {
        return base.time();
    }

    @Override
    public boolean takes(LineageGraph g, int edge) {
        return base.takes(g, edge) && !frozen(g, edge);
    }

    static boolean frozen(LineageGraph g, int edge) {
        var fps = g.fingerprints(edge);
        if (fps.isEmpty()) {
            return false;
        }
        for (String fp : fps) {
            if (!snapshot(g, fp)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the query takes a table snapshot. */
    static boolean snapshot(LineageGraph g, String fingerprint) {
        return g.query(fingerprint).map(q -> DefinitionKind.SNAPSHOT.statementType().equals(q.statementType())).orElse(false);
    }
}
