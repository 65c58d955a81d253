package dev.colineage.graph.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary stores and files that benchmarks, bulk loads and tests make. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it, quietly: a temporary directory left behind is harmless. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: see above
        }
    }
}
