package org.stacklab.scenario;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * Checks of a single YAML value's type; each reports "expected X for 'key', got Y" at the value
 * and returns null when the value does not fit. Values already reported as mistakes are skipped
 * silently.
 */
final class Values {
    private Values() {}

    static String string(Problems problems, YamlNode n, String forWhat, String dflt) {
        YamlNode.Scalar s = scalar(problems, n, "a string", forWhat);
        return s == null ? dflt : s.text();
    }

    /** A scalar that is not null, or null (reported unless it was already a mistake). */
    static YamlNode.Scalar scalar(Problems problems, YamlNode n, String expected, String forWhat) {
        if (n instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.isInvalid() ? null : s;
        }
        wrongType(problems, n, expected, forWhat);
        return null;
    }

    static BigInteger integer(Problems problems, YamlNode n, String forWhat) {
        YamlNode.Scalar s = scalar(problems, n, "a whole number", forWhat);
        if (s == null) {
            return null;
        }
        String t = s.kind() == YamlNode.Kind.INT ? s.text().replace("_", "") : s.text().strip();
        if (t.length() <= 40 && t.matches("[+-]?[0-9]+")) {
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
        }
        wrongType(problems, n, "a whole number", forWhat);
        return null;
    }

    static Boolean bool(Problems problems, YamlNode n, String forWhat) {
        if (n instanceof YamlNode.Scalar s && (s.kind() == YamlNode.Kind.TRUE || s.kind() == YamlNode.Kind.FALSE)) {
            return s.kind() == YamlNode.Kind.TRUE;
        }
        if (!(n instanceof YamlNode.Scalar s && s.isInvalid())) {
            wrongType(problems, n, "true or false", forWhat);
        }
        return null;
    }

    static <T> T parsed(Problems problems, YamlNode n, String expectedFor, Function<String, T> parser) {
        YamlNode.Scalar s = scalar(problems, n, expectedFor, "");
        if (s == null) {
            return null;
        }
        try {
            return parser.apply(s.text());
        } catch (IllegalArgumentException e) {
            problems.at(n.pos(), e.getMessage());
            return null;
        }
    }

    static YamlNode.Mapping mapping(Problems problems, YamlNode n, String forWhat) {
        if (n instanceof YamlNode.Mapping m) {
            return m;
        }
        wrongType(problems, n, "a map", forWhat);
        return null;
    }

    static List<YamlNode> list(Problems problems, YamlNode n, String forWhat) {
        if (n instanceof YamlNode.Sequence s) {
            return s.items();
        }
        wrongType(problems, n, "a list", forWhat);
        return null;
    }

    static void wrongType(Problems problems, YamlNode n, String expected, String forWhat) {
        if (n instanceof YamlNode.Scalar s && s.isInvalid()) {
            return;
        }
        problems.at(n.pos(), "expected " + expected + forWhat + ", got " + n.describe());
    }
}
