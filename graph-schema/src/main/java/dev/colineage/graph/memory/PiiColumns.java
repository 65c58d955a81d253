package dev.colineage.graph.memory;

import dev.colineage.graph.read.PiiColumnStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Which columns of the read model hold personal data, and why: the same rules as
 * {@link PiiColumnStore} (its Cypher is the test oracle), answered from memory. A warehouse-wide answer
 * is computed once per {@link LineageGraph} instance (a refresh makes a new one) and shared; the name
 * rules run once per distinct column name, which repeat across tables ({@code email} in a hundred).
 */
public final class PiiColumns {

    /** A PII column and why, as {@code policy_tag:<tag>}, {@code tag:<tag>}, {@code name}. */
    public record PiiColumn(String column, List<String> reasons) {
        public PiiColumn {
            Objects.requireNonNull(column, "column is null");
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons is null"));
        }
    }

    private record Computed(LineageGraph graph, List<PiiColumn> columns) {
    }

    private final PiiColumnStore.Criteria criteria;
    private final Pattern names;
    private final Pattern notNames;
    private volatile Computed last;

    public PiiColumns(PiiColumnStore.Criteria criteria) {
        this.criteria = Objects.requireNonNull(criteria, "criteria is null");
        this.names = Pattern.compile(criteria.names());
        this.notNames = Pattern.compile(criteria.notNames());
    }

    public PiiColumnStore.Criteria criteria() {
        return criteria;
    }

    /** Every PII column of {@code g}, sorted by name. */
    public List<PiiColumn> all(LineageGraph g) {
        Computed c = last;
        if (c != null && c.graph() == g) {
            return c.columns();
        }
        Map<String, Boolean> byName = new HashMap<>();
        List<PiiColumn> out = new ArrayList<>();
        for (int column = 0; column < g.columnCount(); column++) {
            reasons(g, column, byName).ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparing(PiiColumn::column));
        List<PiiColumn> columns = List.copyOf(out);
        last = new Computed(g, columns);
        return columns;
    }

    /** The column, when it holds PII; empty too when the graph does not know it. */
    public Optional<PiiColumn> one(LineageGraph g, String fqn) {
        OptionalInt c = g.column(fqn);
        return c.isEmpty() ? Optional.empty() : reasons(g, c.getAsInt(), new HashMap<>());
    }

    private Optional<PiiColumn> reasons(LineageGraph g, int column, Map<String, Boolean> byName) {
        String leaf = g.columnLeaf(column);
        if (leaf.equals("*")) {
            return Optional.empty();    // the table-wide pseudo-column of SELECT * is no one's data
        }
        Optional<String> policy = g.policyTag(column);
        List<String> tags = g.tags(column);
        boolean byHand = tags.contains(criteria.tag());
        boolean nameMatches = byName.computeIfAbsent(leaf,
                n -> names.matcher(n).matches() && !notNames.matcher(n).matches());
        boolean byRule = nameMatches && !tags.contains(criteria.notTag());
        if (policy.isEmpty() && !byHand && !byRule) {
            return Optional.empty();
        }
        List<String> why = new ArrayList<>(3);
        policy.ifPresent(p -> why.add("policy_tag:" + p));
        if (byHand) {
            why.add("tag:" + criteria.tag());
        }
        if (byRule) {
            why.add("name");
        }
        return Optional.of(new PiiColumn(g.columnName(column), why));
    }
}
