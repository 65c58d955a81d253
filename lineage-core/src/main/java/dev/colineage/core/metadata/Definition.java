package dev.colineage.core.metadata;

import dev.colineage.core.jobs.JobRecord;
import dev.colineage.core.model.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table's definition as the warehouse's metadata states it, as the {@code CREATE} statement that
 * would make it: {@code CREATE OR REPLACE VIEW `p.d.v` AS <view_definition>}, a materialized view's
 * {@code ddl}, {@code CREATE SNAPSHOT TABLE `s` CLONE `base`}. Analysed like a query job, so a view's
 * lineage is its current definition even when no job of the window created it.
 *
 * @param definedAt  when the metadata says it was created or last altered, as BigQuery prints a
 *                   timestamp; empty when the metadata does not say
 * @param baseTables the tables it is known to read (a snapshot's or clone's base table)
 */
public record Definition(DefinitionKind kind, TableRef table, String sql, Optional<String> definedAt,
                         List<TableRef> baseTables) {

    public Definition {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(definedAt, "definedAt is null");
        baseTables = List.copyOf(Objects.requireNonNull(baseTables, "baseTables is null"));
    }

    /** A stable id: the same definition read again is the same "job", so re-running a window is idempotent. */
    public String jobId() {
        return "definition:" + kind.name() + ":" + table.fqn();
    }

    /** As a job of the table's project; a view body's dataset-qualified names resolve in that project, as in BigQuery. */
    public JobRecord toJobRecord() {
        return new JobRecord(jobId(), table.project(), sql, kind.statementType(), Optional.empty(), baseTables,
                Optional.empty(), definedAt, Optional.empty());
    }
}
