package dev.colineage.core.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} options and positional arguments of one subcommand; rejects options the
 * subcommand does not know, so a typo is a usage error rather than silently ignored.
 */
final class CliArguments {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    CliArguments(List<String> args, Set<String> known) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (!known.contains(name)) {
                    throw new UsageException("unknown option --" + name + " (known: --" + String.join(", --", known) + ")");
                }
                options.put(name, value);
            } else {
                positional.add(a);
            }
        }
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    List<String> positional() {
        return positional;
    }

    /** A command-line mistake: exit code 2 with this message. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
