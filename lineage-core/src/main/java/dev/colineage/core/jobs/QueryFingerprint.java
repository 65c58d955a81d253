package dev.colineage.core.jobs;

import dev.colineage.core.model.TableRef;
import dev.colineage.core.sql.BigQueryLexer;
import dev.colineage.core.sql.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Which job rows are the same query for lineage: the SQL with whitespace and comments folded and
 * literals replaced by {@code ?}, plus everything outside the text that changes how it resolves
 * (project, default dataset, a SELECT's destination, the session). Jobs with one fingerprint are
 * analysed once. Identifiers keep their case: BigQuery table names are case-sensitive.
 */
public final class QueryFingerprint {

    private static final HexFormat HEX = HexFormat.of();
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private QueryFingerprint() {
    }

    /** 32 hex characters identifying the job's query in its context. */
    public static String of(JobRecord job) {
        return of(job, normalize(job.query()));
    }

    /** As {@link #of(JobRecord)}, with the job's query already {@link #normalize normalised}. */
    public static String of(JobRecord job, String normalisedQuery) {
        String context = job.projectId() + '\n' + JobAnalyzer.defaultDataset(job).orElse("") + '\n'
                + job.selectDestination().map(TableRef::fqn).orElse("") + '\n' + job.sessionId().orElse("");
        return hash(normalisedQuery + '\n' + context);
    }

    /**
     * The SQL as the fingerprint sees it. String literals are kept when the query calls
     * {@code EXTERNAL_QUERY}: there the literal is SQL whose lineage is traced.
     */
    public static String normalize(String sql) {
        List<Token> tokens = BigQueryLexer.tokenize(sql);
        boolean keepStrings = tokens.stream().anyMatch(t -> t.isWord("EXTERNAL_QUERY"));
        StringBuilder out = new StringBuilder(sql.length());
        for (Token t : tokens) {
            if (t.isTrivia()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            if (t.kind() == Token.Kind.NUMBER || (t.kind() == Token.Kind.STRING && !keepStrings)) {
                out.append('?');
            } else if (t.kind() == Token.Kind.STRING) {
                // SQL inside EXTERNAL_QUERY: its layout is no more meaningful than the outer query's
                out.append(WHITESPACE.matcher(t.text()).replaceAll(" "));
            } else {
                out.append(t.text());
            }
        }
        return out.toString();
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HEX.formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
