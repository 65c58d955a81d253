package dev.colineage.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Prometheus text exposition of what operators watch: request latency per route and status
 * (histogram), and traversal sizes (histogram of hits per lineage answer). No client library: the
 * format is a few lines of text.
 */
final class Metrics {

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] SIZE_BUCKETS = {0, 1, 10, 100, 1000, 10000};

    /** One histogram: cumulative bucket counts, sum and count. */
    private static final class Histogram {
        final double[] bounds;
        final AtomicLongArray buckets;
        final AtomicLong count = new AtomicLong();
        final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.buckets = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    buckets.incrementAndGet(i);
                }
            }
            count.incrementAndGet();
            sum.add(v);
        }

        void write(StringBuilder out, String name, String labels) {
            String sep = labels.isEmpty() ? "" : labels + ",";
            for (int i = 0; i < bounds.length; i++) {
                out.append(name).append("_bucket{").append(sep).append("le=\"").append(format(bounds[i])).append("\"} ")
                        .append(buckets.get(i)).append('\n');
            }
            out.append(name).append("_bucket{").append(sep).append("le=\"+Inf\"} ").append(count.get()).append('\n');
            String braces = labels.isEmpty() ? "" : "{" + labels + "}";
            out.append(name).append("_sum").append(braces).append(' ').append(sum.sum()).append('\n');
            out.append(name).append("_count").append(braces).append(' ').append(count.get()).append('\n');
        }
    }

    private final Map<String, Histogram> requests = new ConcurrentHashMap<>();
    private final Histogram traversalHits = new Histogram(SIZE_BUCKETS);

    /** {@code route} is the matched path template, never the raw path: label cardinality stays bounded. */
    void request(String method, String route, int status, double seconds) {
        String labels = "method=\"" + method + "\",route=\"" + route.replace("\"", "") + "\",status=\"" + status + "\"";
        requests.computeIfAbsent(labels, k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    void traversal(int hits) {
        traversalHits.observe(hits);
    }

    String scrape() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP colineage_http_request_seconds HTTP request latency by route and status.\n");
        out.append("# TYPE colineage_http_request_seconds histogram\n");
        new java.util.TreeMap<>(requests).forEach((labels, h) -> h.write(out, "colineage_http_request_seconds", labels));
        out.append("# HELP colineage_traversal_hits Nodes returned per lineage traversal.\n");
        out.append("# TYPE colineage_traversal_hits histogram\n");
        traversalHits.write(out, "colineage_traversal_hits", "");
        return out.toString();
    }

    private static String format(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
