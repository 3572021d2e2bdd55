package org.stacklab.scenario;

import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Typed, checked access to the keys of one YAML map: each getter reports a wrong type or a bad
 * value at the value's position and returns null (or the default), so reading goes on.
 */
final class Fields {
    private final Problems problems;
    private final YamlNode.Mapping map;
    private final String where;

    /** {@code where} ends messages about this map: "in link", "at the top level", ... */
    Fields(Problems problems, YamlNode.Mapping map, String where) {
        this.problems = problems;
        this.map = map;
        this.where = where;
    }

    /** Reports every key outside {@code known}, suggesting the closest known key. */
    Fields allow(Collection<String> known) {
        return allow(known, key -> "unknown key '" + key + "' " + where
                + Suggest.didYouMean(key, known, "; known keys: " + String.join(", ", known)));
    }

    /** Reports every key outside {@code known} with {@code message.apply(key)}. */
    Fields allow(Collection<String> known, Function<String, String> message) {
        for (YamlNode.Entry e : map.entries().values()) {
            if (!known.contains(e.key())) {
                problems.at(e.keyPos(), message.apply(e.key()));
            }
        }
        return this;
    }

    Pos pos() {
        return map.pos();
    }

    Problems problems() {
        return problems;
    }

    boolean has(String key) {
        return map.entry(key) != null;
    }

    YamlNode node(String key) {
        return map.get(key);
    }

    /** Where {@code key} was written, or the map's position when it is absent. */
    Pos keyPos(String key) {
        YamlNode.Entry e = map.entry(key);
        return e == null ? map.pos() : e.keyPos();
    }

    /** Where {@code key}'s value was written, or the map's position when it is absent. */
    Pos valuePos(String key) {
        YamlNode n = map.get(key);
        return n == null ? map.pos() : n.pos();
    }

    void error(String key, String message) {
        problems.at(valuePos(key), message);
    }

    /** Reports {@code key} missing when it is; true when it is there. */
    boolean require(String key) {
        if (has(key)) {
            return true;
        }
        problems.at(map.pos(), "missing required key '" + key + "' " + where);
        return false;
    }

    String string(String key, String dflt) {
        YamlNode n = node(key);
        return n == null ? dflt : Values.string(problems, n, forKey(key), dflt);
    }

    String requiredString(String key) {
        return require(key) ? string(key, null) : null;
    }

    /** A whole number in [min, max], or null when absent or wrong. */
    Long whole(String key, long min, long max) {
        YamlNode n = node(key);
        if (n == null) {
            return null;
        }
        BigInteger v = Values.integer(problems, n, forKey(key));
        if (v == null) {
            return null;
        }
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.at(n.pos(), "'" + key + "' must be " + range(min, max) + ", got " + v);
            return null;
        }
        return v.longValue();
    }

    long whole(String key, long min, long max, long dflt) {
        Long v = whole(key, min, max);
        return v == null ? dflt : v;
    }

    Boolean bool(String key) {
        YamlNode n = node(key);
        return n == null ? null : Values.bool(problems, n, forKey(key));
    }

    boolean bool(String key, boolean dflt) {
        Boolean b = bool(key);
        return b == null ? dflt : b;
    }

    /** The value parsed from its text by {@code parser}, whose IllegalArgumentException is reported. */
    <T> T parsed(String key, String expected, Function<String, T> parser) {
        YamlNode n = node(key);
        return n == null ? null : Values.parsed(problems, n, expected + forKey(key), parser);
    }

    /** A time in nanoseconds, or null when absent or wrong. */
    Long time(String key) {
        return parsed(key, "a time", Units::parseTime);
    }

    long time(String key, long dflt) {
        Long t = time(key);
        return t == null ? dflt : t;
    }

    YamlNode.Mapping mapping(String key) {
        YamlNode n = node(key);
        return n == null ? null : Values.mapping(problems, n, forKey(key));
    }

    List<YamlNode> list(String key) {
        YamlNode n = node(key);
        return n == null ? null : Values.list(problems, n, forKey(key));
    }

    private static String forKey(String key) {
        return " for '" + key + "'";
    }

    private static String range(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "a whole number that fits in 64 bits";
        }
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }
}
