package org.stacklab.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed YAML value that remembers where it was written, so every later mistake can point at
 * a line and column of the user's file.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {
    Pos pos();

    /** How a message names this value: {@code 'text'}, {@code a map}, {@code a list}, {@code nothing}. */
    String describe();

    /** What YAML made of a scalar; {@code INVALID} marks a value already reported as a mistake. */
    enum Kind {
        STRING, INT, FLOAT, TRUE, FALSE, NULL, INVALID
    }

    /** A leaf value; {@code text} is as written (after YAML unquoting and escapes). */
    record Scalar(Pos pos, String text, Kind kind) implements YamlNode {
        @Override
        public String describe() {
            if (kind == Kind.NULL) {
                return "nothing";
            }
            String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
            return "'" + shown.replace("\n", "\\n") + "'";
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }

        boolean isInvalid() {
            return kind == Kind.INVALID;
        }
    }

    /** One key of a map and its value; {@code keyPos} is where the key was written. */
    record Entry(Pos keyPos, String key, YamlNode value) {}

    /** A map whose keys keep the order they were written in. */
    record Mapping(Pos pos, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        Entry entry(String key) {
            return entries.get(key);
        }

        YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    /** A list. */
    record Sequence(Pos pos, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
