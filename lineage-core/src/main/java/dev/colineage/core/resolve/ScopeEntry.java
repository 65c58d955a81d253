package dev.colineage.core.resolve;

import dev.colineage.core.model.TableRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of a FROM clause as the rest of the query sees it.
 *
 * @param alias    the name it is referred to by (the alias, or the table's last name part)
 * @param relation its columns
 * @param table    the table it reads, when it is a real table (for {@code dataset.table.column} names)
 * @param rowValue for value tables (an aliased UNNEST), the element itself: {@code alias} alone
 *                 means the element, {@code alias.field} its field
 */
public record ScopeEntry(String alias, Relation relation, Optional<TableRef> table, Optional<Value> rowValue) {

    public ScopeEntry {
        Objects.requireNonNull(alias, "alias is null");
        Objects.requireNonNull(relation, "relation is null");
        Objects.requireNonNull(table, "table is null");
        Objects.requireNonNull(rowValue, "rowValue is null");
    }
}
