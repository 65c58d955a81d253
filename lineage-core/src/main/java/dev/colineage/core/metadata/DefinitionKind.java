package dev.colineage.core.metadata;

/**
 * What a definition read from metadata defines, with the {@code statement_type} BigQuery's JOBS gives
 * the statement that creates it.
 */
public enum DefinitionKind {
    VIEW("CREATE_VIEW"),
    MATERIALIZED_VIEW("CREATE_MATERIALIZED_VIEW"),
    /** A table snapshot: every column an IDENTITY copy of its base table's. */
    SNAPSHOT("CREATE_SNAPSHOT_TABLE"),
    /** A table clone: like a snapshot, but writable afterwards. */
    CLONE("CREATE_TABLE");

    private final String statementType;

    DefinitionKind(String statementType) {
        this.statementType = statementType;
    }

    public String statementType() {
        return statementType;
    }

    /** The kind whose CREATE statement has this {@code statement_type}. */
    public static java.util.Optional<DefinitionKind> ofStatementType(String statementType) {
        for (DefinitionKind k : values()) {
            if (k.statementType.equalsIgnoreCase(statementType)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
