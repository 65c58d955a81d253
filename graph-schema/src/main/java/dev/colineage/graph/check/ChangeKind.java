package dev.colineage.graph.check;

/** How a column changes, and so whether its readers fail or see other results. */
public enum ChangeKind {
    /** Gone: every query reading it fails. */
    DROPPED(true),
    /** Under another name: every query reading the old name fails. */
    RENAMED(true),
    /** Same name, another type: results downstream change. */
    RETYPED(false),
    /** Computed from other inputs or another way (a new version of its query): results downstream change. */
    REWRITTEN(false),
    /** The table's rows are chosen another way (its JOIN, WHERE, GROUP BY inputs changed): every column's results change. */
    ROWS_CHANGED(false),
    /** New: nothing reads it yet. */
    ADDED(false);

    private final boolean breaks;

    ChangeKind(boolean breaks) {
        this.breaks = breaks;
    }

    /** Whether a query reading the column before the change fails after it. */
    public boolean breaksReaders() {
        return breaks;
    }

    /** Whether the values downstream differ after the change. */
    public boolean changesResults() {
        return this == RETYPED || this == REWRITTEN || this == ROWS_CHANGED;
    }
}
