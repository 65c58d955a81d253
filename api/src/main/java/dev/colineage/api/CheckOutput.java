package dev.colineage.api;

import dev.colineage.graph.check.AffectedColumn;
import dev.colineage.graph.check.AffectedTable;
import dev.colineage.graph.check.ChangedColumn;
import dev.colineage.graph.check.CheckReport;
import dev.colineage.graph.check.LineageInput;
import dev.colineage.graph.check.QueryImpact;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A check report as people read it: plain text for a terminal, Markdown for a pull-request comment (lists
 * longer than {@link #MARKDOWN_ROWS} rows end with a count, so a comment stays within GitHub's size).
 */
final class CheckOutput {

    static final int MARKDOWN_ROWS = 50;

    private CheckOutput() {
    }

    static String text(CheckReport r) {
        StringBuilder out = new StringBuilder();
        out.append("colineage check: ").append(r.severity().label()).append(" - ").append(headline(r)).append('\n');
        out.append("\nChanged columns (").append(r.summary().changedColumns()).append(")\n");
        for (ChangedColumn c : r.changedColumns()) {
            out.append("  ").append(c.column()).append("  ").append(c.change()).append("  ").append(c.detail())
                    .append("  [").append(where(c)).append(c.replacedQuery().map(q -> "; replaces query " + shortId(q)).orElse(""))
                    .append("]\n");
            inputs(out, "before", c.before(), c);
            inputs(out, "after ", c.after(), c);
        }
        queries(out, "Queries that will fail", r.breakingQueries(), r.summary().breakingQueries());
        queries(out, "Queries whose results change", r.changingQueries(), r.summary().changingQueries());
        out.append("\nAffected tables (").append(r.summary().affectedTables()).append(")\n");
        for (AffectedTable t : r.affectedTables()) {
            out.append(String.format("  depth %d  %-50s %-7s %d column%s%n", t.depth(), t.table(), effect(t.effect()), t.columns(),
                    t.columns() == 1 ? "" : "s"));
        }
        out.append("\nAffected columns (").append(r.summary().affectedColumns()).append(")\n");
        for (AffectedColumn c : r.affectedColumns()) {
            out.append(String.format("  depth %d  %-60s %s%s%n", c.depth(), c.column(), effect(c.effect()), c.masked() ? " masked" : ""));
        }
        if (!r.warnings().isEmpty()) {
            out.append("\nWarnings\n");
            r.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        if (r.truncated()) {
            out.append("\n(lists stop at ").append(r.limit()).append(" entries; the counts are of everything)\n");
        }
        return out.toString();
    }

    static String markdown(CheckReport r) {
        StringBuilder out = new StringBuilder();
        String badge = switch (r.severity()) {
            case BREAKING -> ":x: **breaking**";
            case CHANGING -> ":warning: **changing**";
            case NONE -> ":white_check_mark: **none**";
        };
        out.append("### colineage check: ").append(badge).append("\n\n").append(headline(r)).append("\n\n");
        out.append("#### Changed columns\n\n| Column | Change | Detail | Where |\n|---|---|---|---|\n");
        rows(out, r.changedColumns(), c -> "| `" + c.column() + "` | " + c.change() + " | " + cell(c.detail() + inputsInline(c)) + " | "
                + cell(where(c) + c.replacedQuery().map(q -> ", replaces `" + shortId(q) + "`").orElse("")) + " |");
        if (!r.breakingQueries().isEmpty()) {
            out.append("\n#### Queries that will fail (").append(r.summary().breakingQueries()).append(")\n\n");
            queryTable(out, r.breakingQueries());
        }
        if (!r.changingQueries().isEmpty()) {
            out.append("\n#### Queries whose results change (").append(r.summary().changingQueries()).append(")\n\n");
            queryTable(out, r.changingQueries());
        }
        if (!r.affectedTables().isEmpty()) {
            out.append("\n<details><summary>").append(r.summary().affectedTables()).append(" tables and ")
                    .append(r.summary().affectedColumns()).append(" columns downstream</summary>\n\n")
                    .append("| Table | Depth | Effect | Columns |\n|---|---|---|---|\n");
            rows(out, r.affectedTables(), t -> "| `" + t.table() + "` | " + t.depth() + " | " + effect(t.effect()) + " | " + t.columns() + " |");
            out.append("\n| Column | Depth | Effect |\n|---|---|---|\n");
            rows(out, r.affectedColumns(), c -> "| `" + c.column() + "` | " + c.depth() + " | " + effect(c.effect())
                    + (c.masked() ? " (masked)" : "") + " |");
            out.append("\n</details>\n");
        }
        if (!r.warnings().isEmpty()) {
            out.append("\n#### Warnings\n\n");
            r.warnings().stream().limit(MARKDOWN_ROWS).forEach(w -> out.append("- ").append(cell(w)).append('\n'));
        }
        out.append("\n<sub>Current lineage of the warehouse's query log, from colineage.</sub>\n");
        return out.toString();
    }

    private static String headline(CheckReport r) {
        return String.format(Locale.ROOT, "%d %s will fail, %d will change results; %d %s in %d %s downstream (current lineage)",
                r.summary().breakingQueries(), r.summary().breakingQueries() == 1 ? "query" : "queries", r.summary().changingQueries(),
                r.summary().affectedColumns(), r.summary().affectedColumns() == 1 ? "column" : "columns", r.summary().affectedTables(),
                r.summary().affectedTables() == 1 ? "table" : "tables");
    }

    private static String where(ChangedColumn c) {
        return c.file() + (c.statement() > 0 ? " statement " + c.statement() : "");
    }

    private static void inputs(StringBuilder out, String label, List<LineageInput> inputs, ChangedColumn c) {
        if (c.before().isEmpty() && c.after().isEmpty()) {
            return;
        }
        out.append("      ").append(label).append(": ").append(inputs.isEmpty() ? "(none)"
                : inputs.stream().map(LineageInput::toString).collect(Collectors.joining(", "))).append('\n');
    }

    private static String inputsInline(ChangedColumn c) {
        if (c.before().isEmpty() && c.after().isEmpty()) {
            return "";
        }
        return "<br>before: " + list(c.before()) + "<br>after: " + list(c.after());
    }

    private static String list(List<LineageInput> inputs) {
        return inputs.isEmpty() ? "(none)" : inputs.stream().map(i -> "`" + i + "`").collect(Collectors.joining(", "));
    }

    private static void queries(StringBuilder out, String title, List<QueryImpact> queries, int count) {
        out.append('\n').append(title).append(" (").append(count).append(")\n");
        for (QueryImpact q : queries) {
            out.append("  ").append(q.statementType()).append(' ').append(shortId(q.fingerprint())).append("  last run ")
                    .append(q.lastRun().isEmpty() ? "unknown" : q.lastRun()).append(", ").append(q.runCount()).append(q.runCount() == 1 ? " run" : " runs")
                    .append(q.users().isEmpty() ? "" : ", by " + String.join(", ", q.users()))
                    .append("DEFINITION".equals(q.kind()) ? " (warehouse metadata)" : "").append('\n');
            for (QueryImpact.Reason why : q.reasons()) {
                out.append("      ").append(verb(why)).append(' ').append(why.column()).append('\n');
            }
        }
    }

    private static void queryTable(StringBuilder out, List<QueryImpact> queries) {
        out.append("| Query | Statement | Last run | Runs | Users | Why |\n|---|---|---|---|---|---|\n");
        rows(out, queries, q -> "| `" + shortId(q.fingerprint()) + "` | " + q.statementType() + ("DEFINITION".equals(q.kind()) ? " (metadata)" : "")
                + " | " + q.lastRun() + " | " + q.runCount() + " | " + cell(String.join(", ", q.users())) + " | "
                + cell(q.reasons().stream().limit(5).map(w -> verb(w) + " `" + w.column() + "`").collect(Collectors.joining("<br>"))
                + (q.reasons().size() > 5 ? "<br>and " + (q.reasons().size() - 5) + " more" : "")) + " |");
    }

    private static String verb(QueryImpact.Reason why) {
        return switch (why.use()) {
            case SELECT -> "selects";
            case WRITE -> "writes";
            default -> "reads in " + why.use().name().replace('_', ' ');
        };
    }

    private static <T> void rows(StringBuilder out, List<T> items, java.util.function.Function<T, String> row) {
        items.stream().limit(MARKDOWN_ROWS).forEach(i -> out.append(row.apply(i)).append('\n'));
        if (items.size() > MARKDOWN_ROWS) {
            out.append("| and ").append(items.size() - MARKDOWN_ROWS).append(" more |\n");
        }
    }

    private static String effect(dev.colineage.graph.check.Effect e) {
        return e == dev.colineage.graph.check.Effect.STALE ? "stale" : "changes";
    }

    /** A Markdown table cell: pipes escaped, no line breaks. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    static String shortId(String fingerprint) {
        return fingerprint.substring(0, Math.min(12, fingerprint.length()));
    }

}
