package dev.colineage.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which columns hold personal data: a BigQuery policy tag from the catalog, the hand-set tag
 * {@code pii}, or a name matching {@code names} (and not {@code notNames}, which keeps hashed copies
 * such as {@code email_hash} out). The tag {@code not-pii} overrides a name match.
 *
 * @param names    regular expression on the column's own name, case-insensitive
 * @param notNames names that look like PII but are masked copies
 */
public record PiiRules(String names, String notNames) {

    /** Whole words of a snake_case name: {@code customer_email} and {@code ip_address}, not {@code zip}. */
    public static final String DEFAULT_NAMES = "(?i)(.*_)?(e_?mail|phone|mobile|ip|ip_?address|birth_?date|birthday|dob|ssn"
            + "|full_?name|first_?name|last_?name|address|card_?number|iban|passport)(_.*)?";
    public static final String DEFAULT_NOT_NAMES = "(?i).*_(hash|hashed|sha\\d*|md5|masked|token|last4|count|domain)";
    public static final String TAG = "pii";
    public static final String NOT_TAG = "not-pii";

    public PiiRules {
        Objects.requireNonNull(names, "names is null");
        Objects.requireNonNull(notNames, "notNames is null");
        Pattern.compile(names);     // a bad pattern fails at start-up, not per request
        Pattern.compile(notNames);
    }

    /** {@code COLINEAGE_PII_NAMES} and {@code COLINEAGE_PII_NOT_NAMES}, or the defaults; a bad pattern is refused here. */
    public static PiiRules fromEnvironment(java.util.Map<String, String> env) {
        return new PiiRules(env.getOrDefault("COLINEAGE_PII_NAMES", DEFAULT_NAMES), env.getOrDefault("COLINEAGE_PII_NOT_NAMES", DEFAULT_NOT_NAMES));
    }

    public static PiiRules defaults() {
        return new PiiRules(DEFAULT_NAMES, DEFAULT_NOT_NAMES);
    }
}
