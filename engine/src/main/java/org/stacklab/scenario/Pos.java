package org.stacklab.scenario;

/** A 1-based line and column in a scenario file. */
public record Pos(int line, int column) {
    public static final Pos UNKNOWN = new Pos(1, 1);
}
