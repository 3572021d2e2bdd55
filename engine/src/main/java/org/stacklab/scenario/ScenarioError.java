package org.stacklab.scenario;

/** One mistake in a scenario file, printed as {@code FILE:LINE:COLUMN: message}. */
public record ScenarioError(String file, int line, int column, String message) implements Comparable<ScenarioError> {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public int compareTo(ScenarioError o) {
        int c = Integer.compare(line, o.line);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(column, o.column);
        return c != 0 ? c : message.compareTo(o.message);
    }
}
