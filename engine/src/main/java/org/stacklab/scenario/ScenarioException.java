package org.stacklab.scenario;

import java.util.List;

/** Thrown by the loader with every mistake it found in a file, in file order. */
public final class ScenarioException extends Exception {
    private final List<ScenarioError> errors;

    public ScenarioException(List<ScenarioError> errors) {
        super(errors.isEmpty() ? "invalid scenario" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<ScenarioError> errors() {
        return errors;
    }
}
