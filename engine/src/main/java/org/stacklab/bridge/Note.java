package org.stacklab.bridge;

import java.util.Locale;

/**
 * What the real world says about one call beyond its outcome: whether the outcome came from the
 * kernel, from Java, from the bridge, or from something outside the run.
 *
 * @param kind how far the outcome can be compared with the simulation
 * @param text why, for the report
 */
public record Note(Kind kind, String text) {
    /** How a real outcome came about. */
    public enum Kind {
        /** Java refused before the kernel, with the errno the kernel gives (docs/port-table.md N7); compared. */
        JAVA_CHECK(true),
        /** The bridge answered a call Java cannot make, with Linux's errno (documented); compared. */
        EMULATED(true),
        /** Java behaves differently from the kernel here (docs/port-table.md N1-N11); not compared. */
        JAVA_LIMIT(false),
        /** The one-machine mapping changed the situation (shared 127.0.0.1, wildcard over every host); not compared. */
        MAPPING(false),
        /** Something outside this run (a port in use, a TIME-WAIT of an earlier run); not compared. */
        ENVIRONMENT(false),
        /** The bridge refused to send outside 127.0.0.0/8. */
        REFUSED(false);

        private final boolean compared;

        Kind(boolean compared) {
            this.compared = compared;
        }

        public boolean compared() {
            return compared;
        }
    }

    public static Note javaCheck(String text) {
        return new Note(Kind.JAVA_CHECK, text);
    }

    public static Note emulated(String text) {
        return new Note(Kind.EMULATED, text);
    }

    public static Note javaLimit(String text) {
        return new Note(Kind.JAVA_LIMIT, text);
    }

    public static Note mapping(String text) {
        return new Note(Kind.MAPPING, text);
    }

    public static Note environment(String text) {
        return new Note(Kind.ENVIRONMENT, text);
    }

    public static Note refused(String text) {
        return new Note(Kind.REFUSED, text);
    }

    public boolean compared() {
        return kind.compared();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + text;
    }
}
