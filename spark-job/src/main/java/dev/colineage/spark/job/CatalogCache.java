package dev.colineage.spark.job;

import dev.colineage.core.catalog.Catalog;
import dev.colineage.core.catalog.CatalogLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's catalog, parsed once per executor JVM from the broadcast JSON rather than once per task.
 * Keeps the last few catalogs (one per run; a long-lived executor sees several).
 */
final class CatalogCache {

    private static final Map<String, Catalog> CATALOGS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Catalog> eldest) {
            return size() > 2;
        }
    };

    private CatalogCache() {
    }

    static synchronized Catalog get(String json) {
        return CATALOGS.computeIfAbsent(json, CatalogLoader::parse);
    }
}
