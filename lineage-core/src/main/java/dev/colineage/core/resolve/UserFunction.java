package dev.colineage.core.resolve;

import java.util.List;
import java.util.Objects;

/**
 * A user-defined SQL function: a {@code CREATE TEMP FUNCTION} of the script, or a persistent routine
 * read from {@code INFORMATION_SCHEMA.ROUTINES}. Calls to it depend only on the arguments whose
 * parameters its body uses, and mask them when its body hashes (itself or through the routines it calls).
 *
 * @param usedParameters for each parameter in order, whether the body refers to it
 */
public record UserFunction(String name, List<Boolean> usedParameters, boolean masking) {
    public UserFunction {
        Objects.requireNonNull(name, "name is null");
        usedParameters = List.copyOf(Objects.requireNonNull(usedParameters, "usedParameters is null"));
    }

    /** The same function under another name (a routine's full {@code project.dataset.name}). */
    public UserFunction named(String fullName) {
        return new UserFunction(fullName, usedParameters, masking);
    }

    /** The same function, masking. */
    public UserFunction masked() {
        return new UserFunction(name, usedParameters, true);
    }

    /** The same function, every argument flowing (a JavaScript body, which the analysis cannot read). */
    public UserFunction usingEveryArgument() {
        return new UserFunction(name, java.util.Collections.nCopies(usedParameters.size(), true), masking);
    }

    public boolean uses(int argumentIndex) {
        return argumentIndex >= usedParameters.size() || usedParameters.get(argumentIndex);
    }
}
