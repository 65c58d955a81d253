package dev.colineage.graph.write;

import org.neo4j.driver.TransactionContext;

/**
 * The lineage sequence: one {@code (:LineageSequence {name: 'lineage'})} node whose {@code value} each write
 * transaction of lineage increments as its first statement, stamping what it writes with the new value
 * ({@code seq} on columns, FEEDS and INFLUENCES edges and queries). The increment locks the node until
 * the transaction commits, so numbers become visible in commit order: a reader that sees number N sees
 * every change numbered below it, and the read model can apply exactly the changes above the number it
 * holds. A write that removes lineage also sets {@code removed} to its number: removals are not applied
 * one by one, the read model reloads.
 */
public final class LineageSequence {

    public static final String NAME = "lineage";

    private LineageSequence() {
    }

    /** Takes the next number, inside the writing transaction (first, before any other lock). */
    public static long next(TransactionContext tx) {
        return tx.run("""
                MERGE (s:LineageSequence {name: $name})
                ON CREATE SET s.value = 0, s.removed = 0
                SET s.value = s.value + 1
                RETURN s.value AS seq
                """, java.util.Map.of("name", NAME)).single().get("seq").asLong();
    }

    /** Marks the transaction's number as one that removed lineage (after {@link #next} in the same transaction). */
    public static void markRemoved(TransactionContext tx, long seq) {
        tx.run("MATCH (s:LineageSequence {name: $name}) SET s.removed = $seq", java.util.Map.of("name", NAME, "seq", seq)).consume();
    }

    /** The number and the last removal's number, as committed; {@code [0, 0]} before the first stamped write. */
    public static long[] read(TransactionContext tx) {
        var rows = tx.run("MATCH (s:LineageSequence {name: $name}) RETURN s.value AS v, s.removed AS r",
                java.util.Map.of("name", NAME)).list();
        return rows.isEmpty() ? new long[]{0, 0} : new long[]{rows.get(0).get("v").asLong(0), rows.get(0).get("r").asLong(0)};
    }
}
