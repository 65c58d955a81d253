package dev.colineage.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API module's shape, as the read-model issue asks it: no Cypher (stores in graph-schema hold it), no
 * {@code Map<String, Object>} standing in for an answer (answers are records), and the environment read in
 * one place ({@code ServeCommand} hands it to {@code ServerEnvironment}, the settings class).
 */
class ApiLayeringTest {

    private static final Path SOURCES = Path.of("src/main/java");

    private static List<String> filesMatching(Pattern p) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return p.matcher(Files.readString(f)).find();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> SOURCES.relativize(f).toString()).sorted().toList();
        }
    }

    @Test
    void noCypherInTheApiModule() throws IOException {
        assertEquals(List.of(), filesMatching(Pattern.compile("\\b(MATCH|MERGE|CREATE) \\(|\\.session\\(|\\.executeRead\\(|\\.executeWrite\\(")));
    }

    @Test
    void noMapsStandingInForAnswers() throws IOException {
        assertEquals(List.of(), filesMatching(Pattern.compile("Map<String, ?Object>")));
    }

    @Test
    void theEnvironmentIsReadInOnePlace() throws IOException {
        // each command's main reads it once and hands it down
        assertEquals(List.of("dev/colineage/api/CheckCli.java", "dev/colineage/api/ExportCli.java", "dev/colineage/api/HistoryCli.java",
                "dev/colineage/api/McpCommand.java", "dev/colineage/api/PageBenchmark.java", "dev/colineage/api/ServeCommand.java"),
                filesMatching(Pattern.compile("System\\.getenv")));
    }
}
