package dev.colineage.core.resolve;

import java.util.List;
import java.util.Objects;

/**
 * A {@code CREATE TEMP FUNCTION} of the script. Calls to it depend only on the arguments whose
 * parameters its body uses, and mask them when its body hashes.
 *
 * @param usedParameters for each parameter in order, whether the body refers to it
 */
public record TempFunction(String name, List<Boolean> usedParameters, boolean masking) {
    public TempFunction {
        Objects.requireNonNull(name, "name is null");
        usedParameters = List.copyOf(Objects.requireNonNull(usedParameters, "usedParameters is null"));
    }

    public boolean uses(int argumentIndex) {
        return argumentIndex >= usedParameters.size() || usedParameters.get(argumentIndex);
    }
}
