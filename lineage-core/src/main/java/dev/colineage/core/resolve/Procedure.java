package dev.colineage.core.resolve;

import java.util.List;
import java.util.Objects;

/**
 * A procedure created earlier in the script or session ({@code CREATE PROCEDURE p(IN a T, OUT b T)
 * BEGIN ... END}): a {@code CALL} runs its body with the arguments bound to its parameters.
 *
 * @param name       the name as written, without back-quotes
 * @param parameters in declaration order
 * @param body       the statements between BEGIN and END
 */
public record Procedure(String name, List<Parameter> parameters, String body) {

    public Procedure {
        Objects.requireNonNull(name, "name is null");
        parameters = List.copyOf(Objects.requireNonNull(parameters, "parameters is null"));
        Objects.requireNonNull(body, "body is null");
    }

    /** The same procedure under its full {@code project.dataset.name}. */
    public Procedure named(String fullName) {
        return new Procedure(fullName, parameters, body);
    }

    /** How an argument is passed: IN binds it, OUT hands the parameter back, INOUT both. */
    public enum Mode { IN, OUT, INOUT }

    /** One declared parameter. */
    public record Parameter(Mode mode, String name) {
        public Parameter {
            Objects.requireNonNull(mode, "mode is null");
            Objects.requireNonNull(name, "name is null");
        }

        boolean bindsArgument() {
            return mode != Mode.OUT;
        }

        boolean returnsValue() {
            return mode != Mode.IN;
        }
    }
}
