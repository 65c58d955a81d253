package dev.colineage.core.resolve;

import dev.colineage.core.model.Transformation;
import java.util.Locale;
import java.util.Set;

/**
 * What BigQuery functions do to lineage: which aggregate, which mask their input (hashes, counts),
 * which pass a value through unchanged, and which take a bare date-part word as an argument.
 */
final class FunctionSemantics {

    private static final Set<String> AGGREGATES = Set.of("any_value", "array_agg", "array_concat_agg", "avg",
            "bit_and", "bit_or", "bit_xor", "count", "countif", "logical_and", "logical_or", "max", "min", "sum",
            "string_agg", "approx_count_distinct", "approx_quantiles", "approx_top_count", "approx_top_sum",
            "corr", "covar_pop", "covar_samp", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop",
            "var_samp", "hll_count.init", "hll_count.merge", "hll_count.merge_partial", "hll_count.extract",
            "max_by", "min_by", "grouping", "st_union_agg", "st_centroid_agg", "json_agg", "percentile_cont",
            "percentile_disc");

    /** Aggregates whose result does not reveal the values aggregated. */
    private static final Set<String> MASKING_AGGREGATES = Set.of("count", "countif", "approx_count_distinct",
            "hll_count.init", "hll_count.merge", "hll_count.merge_partial", "hll_count.extract");

    /** Functions whose output does not reveal their input: hashes and fingerprints. */
    private static final Set<String> MASKING = Set.of("sha256", "sha512", "sha1", "md5", "farm_fingerprint",
            "keys.keyset_chain", "aead.encrypt", "deterministic_encrypt", "hll_count.init");

    /** Functions that return one of their arguments unchanged. */
    private static final Set<String> PASS_THROUGH = Set.of("coalesce", "ifnull", "nullif", "any_value", "if");

    /** Ranking window functions: their value comes from the window's ordering, not from arguments. */
    private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank",
            "cume_dist", "ntile");

    private FunctionSemantics() {
    }

    static String normalize(String name) {
        String n = name.replace("`", "").toLowerCase(Locale.ROOT);
        return n.startsWith("safe.") ? n.substring(5) : n;
    }

    static boolean isAggregate(String name) {
        return AGGREGATES.contains(normalize(name));
    }

    static boolean isRanking(String name) {
        return RANKING.contains(normalize(name));
    }

    /** Whether argument {@code index} of {@code name} is a bare date part ({@code DATE_TRUNC(d, MONTH)}). */
    static boolean isDatePartArgument(String name, int index) {
        return index > 0 && dev.colineage.core.sql.DateUnitColumns.datePartArgument(normalize(name)) == index;
    }

    static boolean isPassThrough(String name) {
        return PASS_THROUGH.contains(normalize(name));
    }

    /** How an argument of this function reaches the function's result. */
    static Transformation argumentTransformation(String name) {
        String n = normalize(name);
        if (MASKING_AGGREGATES.contains(n)) {
            return Transformation.AGGREGATION.masked();
        }
        if (AGGREGATES.contains(n)) {
            return Transformation.AGGREGATION;
        }
        if (MASKING.contains(n)) {
            return Transformation.TRANSFORMATION.masked();
        }
        if (PASS_THROUGH.contains(n)) {
            return Transformation.IDENTITY;
        }
        return Transformation.TRANSFORMATION;
    }
}
