package dev.colineage.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code <!-- example -->} console block of the README through the CLI and compares the
 * printed output with the README, so the documentation cannot drift from what the tool does.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Example(List<String> args, String expected) {
    }

    static List<Example> examples() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals("<!-- example -->")) {
                continue;
            }
            String command = lines.get(i + 2);
            assertTrue(command.startsWith("$ ./colineage "), command);
            StringBuilder expected = new StringBuilder();
            int k = i + 3;
            while (!lines.get(k).startsWith("```")) {
                expected.append(lines.get(k)).append('\n');
                k++;
            }
            List<String> args = new ArrayList<>();
            for (String a : Arrays.asList(command.substring("$ ./colineage ".length()).trim().split("\\s+"))) {
                // paths in the README are relative to the repository root; tests run in the module
                args.add(Files.exists(ROOT.resolve(a)) && a.contains("/") ? ROOT.resolve(a).toString() : a);
            }
            examples.add(new Example(args, expected.toString()));
        }
        return examples;
    }

    @Test
    void everyReadmeExamplePrintsWhatTheReadmeShows() throws IOException {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 4, "README examples found: " + examples.size());
        for (Example e : examples) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = CoreCli.run(e.args(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, () -> "exit code of " + e.args() + ": " + err);
            assertEquals(e.expected(), out.toString(StandardCharsets.UTF_8), "output of " + e.args());
        }
    }
}
