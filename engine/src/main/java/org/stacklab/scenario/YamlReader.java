package org.stacklab.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with Jackson's streaming parser, keeping the
 * position of every key and value.
 *
 * <p>What the scenario format leaves out of YAML is refused here with a positioned mistake:
 * several documents, anchors and aliases, tags, duplicate keys, and nesting deeper than
 * {@link #MAX_DEPTH}.
 */
final class YamlReader {
    static final int MAX_DEPTH = 64;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    /** Stops reading after a mistake that leaves nothing sensible to read. */
    private static final class Stop extends Exception {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private final Problems problems;
    private final TextIndex index;
    private YAMLParser parser;

    private YamlReader(String text, Problems problems) {
        this.text = text;
        this.problems = problems;
        this.index = new TextIndex(text);
    }

    /** The tree of {@code text}, or null when it is not readable YAML (the reason is in {@code problems}). */
    static YamlNode read(String text, Problems problems) {
        return new YamlReader(text, problems).document();
    }

    private YamlNode document() {
        try (YAMLParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.at(Pos.UNKNOWN, "the file is empty: a scenario is a map with at least a 'scenario:' key");
                return null;
            }
            YamlNode root = value(first, 1);
            if (p.nextToken() != null) {
                problems.at(here(), "a second YAML document starts here: a scenario file holds exactly one");
            }
            return root;
        } catch (Stop s) {
            return null;
        } catch (IOException | YAMLException e) {
            YamlSyntax.report(e, index, problems);
            return null;
        }
    }

    private YamlNode value(JsonToken token, int depth) throws IOException, Stop {
        Pos pos = here();
        if (token == null) {
            problems.at(pos, "the file ends in the middle of a value");
            throw new Stop();
        }
        if (depth > MAX_DEPTH) {
            problems.at(pos, "the file nests deeper than " + MAX_DEPTH + " levels");
            throw new Stop();
        }
        boolean refused = refuseAnchorsAndTags(token, pos);
        switch (token) {
            case START_OBJECT:
                return mapping(pos, depth);
            case START_ARRAY:
                return sequence(pos, depth);
            default:
                return scalar(token, pos, refused);
        }
    }

    private YamlNode.Mapping mapping(Pos pos, int depth) throws IOException, Stop {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            Pos keyPos = here();
            String key = parser.currentName() == null ? "" : parser.currentName();
            YamlNode v = value(parser.nextToken(), depth + 1);
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                problems.at(keyPos, "duplicate key '" + key + "' (first at line " + first.keyPos().line() + ")");
            } else {
                entries.put(key, new YamlNode.Entry(keyPos, key, v));
            }
        }
        expectEnd(t, JsonToken.END_OBJECT);
        return new YamlNode.Mapping(pos, entries);
    }

    private YamlNode.Sequence sequence(Pos pos, int depth) throws IOException, Stop {
        List<YamlNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
            items.add(value(t, depth + 1));
        }
        expectEnd(t, JsonToken.END_ARRAY);
        return new YamlNode.Sequence(pos, items);
    }

    private void expectEnd(JsonToken t, JsonToken wanted) throws Stop {
        if (t != wanted) {
            problems.at(here(), "the file ends in the middle of a " + (wanted == JsonToken.END_OBJECT ? "map" : "list"));
            throw new Stop();
        }
    }

    private YamlNode.Scalar scalar(JsonToken token, Pos pos, boolean refused) throws IOException {
        String t = parser.getText() == null ? "" : parser.getText();
        YamlNode.Kind kind = switch (token) {
            case VALUE_STRING -> YamlNode.Kind.STRING;
            case VALUE_NUMBER_INT -> YamlNode.Kind.INT;
            case VALUE_NUMBER_FLOAT -> YamlNode.Kind.FLOAT;
            case VALUE_TRUE -> YamlNode.Kind.TRUE;
            case VALUE_FALSE -> YamlNode.Kind.FALSE;
            case VALUE_NULL -> YamlNode.Kind.NULL;
            default -> YamlNode.Kind.INVALID;
        };
        if (kind == YamlNode.Kind.INVALID && !refused) {
            problems.at(pos, "this kind of YAML value is not supported here");
        }
        return new YamlNode.Scalar(pos, t, refused ? YamlNode.Kind.INVALID : kind);
    }

    /** Reports an alias, anchor or tag at {@code pos}; true when the value cannot be used. */
    private boolean refuseAnchorsAndTags(JsonToken token, Pos pos) throws IOException {
        int c = index.charAt(pos);
        if (parser.isCurrentAlias() || c == '*') {
            problems.at(pos, "aliases (*name) are not supported: write the value out in full");
            return true;
        }
        boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
        if (c == '&' || (container && parser.getObjectId() != null)) {
            problems.at(pos, "anchors (&name) are not supported: write the value out in full");
        }
        if (c == '!' || parser.getTypeId() != null || token == JsonToken.VALUE_EMBEDDED_OBJECT) {
            problems.at(pos, "YAML tags (!name) are not supported: write a plain value");
            return !container;
        }
        return false;
    }

    private Pos here() {
        JsonLocation l = parser.currentTokenLocation();
        if (l == null) {
            return Pos.UNKNOWN;
        }
        return new Pos(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
