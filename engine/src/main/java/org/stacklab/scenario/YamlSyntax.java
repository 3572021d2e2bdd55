package org.stacklab.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/** Turns the YAML parser's exceptions into one positioned mistake worded for a user. */
final class YamlSyntax {
    private YamlSyntax() {}

    /** Records {@code e}, a parse failure of the text behind {@code index}, in {@code problems}. */
    static void report(Exception e, TextIndex index, Problems problems) {
        MarkedYAMLException marked = cause(e, MarkedYAMLException.class);
        ReaderException reader = cause(e, ReaderException.class);
        if (marked != null) {
            marked(marked, problems);
        } else if (reader != null) {
            problems.at(index.posOfCodePoint(reader.getPosition()), String.format(Locale.ROOT, 
                    "the file holds a character YAML does not allow: U+%04X (is it a text file?)", reader.getCodePoint()));
        } else {
            problems.at(location(e), generic(e));
        }
    }

    private static void marked(MarkedYAMLException m, Problems problems) {
        String problem = m.getProblem() == null ? "" : m.getProblem();
        String context = m.getContext();
        Mark pm = m.getProblemMark();
        Mark cm = m.getContextMark();
        Pos at = pos(pm != null ? pm : cm);
        if (problem.contains("(TAB)")) {
            problems.at(at, "a tab character is not allowed here: YAML indents and separates with spaces");
        } else if (problem.contains("that cannot start any token")) {
            problems.at(at, "a value cannot start with " + reservedChar(problem) + "; put the value in quotes");
        } else if (context != null && cm != null && endsTooSoon(problem)) {
            problems.at(pos(cm), unclosed(context, problem));
        } else if (problem.startsWith("expected <block end>")) {
            problems.at(at, "bad indentation: this line does not line up with the lines above it"
                    + (cm == null ? "" : " (the block starts at " + where(cm) + ")"));
        } else if (problem.startsWith("mapping values are not allowed")) {
            problems.at(at, "YAML syntax error: a ':' is not allowed here;"
                    + " check the indentation, or quote a value that contains ': '");
        } else {
            problems.at(at, "YAML syntax error: " + problem
                    + (context == null ? "" : " (" + context + (cm == null ? "" : " at " + where(cm)) + ")"));
        }
    }

    /** The quoted character in SnakeYAML's "found character 'X' that cannot start any token". */
    private static String reservedChar(String problem) {
        int open = problem.indexOf('\'');
        int close = open < 0 ? -1 : problem.indexOf('\'', open + 1);
        return close > open ? problem.substring(open, close + 1) : "this character";
    }

    private static boolean endsTooSoon(String problem) {
        return problem.contains("end of stream") || problem.contains("<stream end>");
    }

    private static String unclosed(String context, String problem) {
        if (context.contains("quoted scalar")) {
            return "unclosed quote: this string has no closing quote";
        }
        if (context.contains("flow sequence")) {
            return "unclosed '[': this list has no closing ']'";
        }
        if (context.contains("flow mapping")) {
            return "unclosed '{': this map has no closing '}'";
        }
        return "YAML syntax error: " + problem + " (" + context + ")";
    }

    private static String generic(Exception e) {
        String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (msg == null || msg.isBlank()) {
            return "YAML syntax error (" + e.getClass().getSimpleName() + ")";
        }
        if (msg.startsWith("Expected a field name")) {
            return "a map key must be plain text, not a list or a map";
        }
        String first = msg.strip().lines().findFirst().orElse(msg);
        return "YAML syntax error: " + first;
    }

    private static Pos location(Exception e) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            JsonLocation l = j.getLocation();
            return new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }
        return Pos.UNKNOWN;
    }

    private static Pos pos(Mark m) {
        return m == null ? Pos.UNKNOWN : new Pos(m.getLine() + 1, m.getColumn() + 1);
    }

    private static String where(Mark m) {
        return "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }

    private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (int i = 0; t != null && i < 8; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
