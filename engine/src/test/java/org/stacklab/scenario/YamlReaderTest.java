package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    private final Problems problems = new Problems();

    private YamlNode read(String text) {
        return YamlReader.read(text, problems);
    }

    private List<String> errors() {
        return problems.errors("f.yaml").stream().map(ScenarioError::toString).toList();
    }

    @Test
    void everyKeyAndValueKeepsItsLineAndColumn() {
        YamlNode.Mapping root = (YamlNode.Mapping) read("""
                scenario: x
                hosts:
                  - name: web
                    ip: 10.0.0.1
                  - {name: r1, forward: true}
                """);
        assertEquals(new Pos(2, 1), root.entry("hosts").keyPos());
        YamlNode.Sequence hosts = (YamlNode.Sequence) root.get("hosts");
        YamlNode.Mapping web = (YamlNode.Mapping) hosts.items().get(0);
        assertEquals(new Pos(3, 5), web.pos());
        assertEquals(new Pos(4, 5), web.entry("ip").keyPos());
        assertEquals(new Pos(4, 9), web.get("ip").pos());
        YamlNode.Mapping r1 = (YamlNode.Mapping) hosts.items().get(1);
        assertEquals(new Pos(5, 25), r1.get("forward").pos());
        assertEquals(YamlNode.Kind.TRUE, ((YamlNode.Scalar) r1.get("forward")).kind());
        assertTrue(problems.isEmpty());
    }

    @Test
    void scalarsKeepTheirTextAndWhatYamlMadeOfThem() {
        YamlNode.Mapping root = (YamlNode.Mapping) read("a: 7\nb: 0.5\nc: \"7\"\nd:\ne: \"a\\r\\nb\"\n");
        assertEquals(YamlNode.Kind.INT, ((YamlNode.Scalar) root.get("a")).kind());
        assertEquals(YamlNode.Kind.FLOAT, ((YamlNode.Scalar) root.get("b")).kind());
        assertEquals(new YamlNode.Scalar(new Pos(3, 4), "7", YamlNode.Kind.STRING), root.get("c"));
        assertTrue(((YamlNode.Scalar) root.get("d")).isNull());
        assertEquals("a\r\nb", ((YamlNode.Scalar) root.get("e")).text());
    }

    @Test
    void anEmptyFileIsAMistakeAtTheStart() {
        assertNull(read("# nothing here\n"));
        assertEquals(List.of("f.yaml:1:1: the file is empty: a scenario is a map with at least a 'scenario:' key"),
                errors());
    }

    @Test
    void aTabIndentIsRefusedWhereItIs() {
        assertNull(read("scenario: x\nhosts:\n\t- name: a\n"));
        assertEquals(List.of("f.yaml:3:1: a tab character is not allowed here: YAML indents and separates with spaces"), errors());
    }

    @Test
    void anUnclosedQuoteIsReportedAtTheOpeningQuote() {
        assertNull(read("scenario: x\ndescription: \"never ends\n"));
        assertEquals(List.of("f.yaml:2:14: unclosed quote: this string has no closing quote"), errors());
    }

    @Test
    void anUnclosedBracketIsReportedAtTheBracket() {
        assertNull(read("links: [a, b\n"));
        assertEquals(List.of("f.yaml:1:8: unclosed '[': this list has no closing ']'"), errors());
    }

    @Test
    void badIndentationPointsAtTheLineThatDoesNotLineUp() {
        assertNull(read("hosts:\n  - name: a\n   ip: 10.0.0.1\n"));
        assertEquals(List.of("f.yaml:3:4: bad indentation: this line does not line up with the lines above it"
                + " (the block starts at line 2, column 3)"), errors());
    }

    @Test
    void aColonInsideAPlainValueIsExplained() {
        assertNull(read("a: b: c\n"));
        assertEquals(List.of("f.yaml:1:5: YAML syntax error: a ':' is not allowed here;"
                + " check the indentation, or quote a value that contains ': '"), errors());
    }

    @Test
    void aDuplicateKeyIsReportedAndTheFirstKept() {
        YamlNode.Mapping root = (YamlNode.Mapping) read("seed: 1\nseed: 2\n");
        assertEquals("1", ((YamlNode.Scalar) root.get("seed")).text());
        assertEquals(List.of("f.yaml:2:1: duplicate key 'seed' (first at line 1)"), errors());
    }

    @Test
    void anchorsAndAliasesAreRefused() {
        read("a: &x 1\nb: *x\nc: &y {d: 1}\n");
        assertEquals(List.of(
                "f.yaml:1:4: anchors (&name) are not supported: write the value out in full",
                "f.yaml:2:4: aliases (*name) are not supported: write the value out in full",
                "f.yaml:3:4: anchors (&name) are not supported: write the value out in full"), errors());
    }

    @Test
    void tagsAreRefused() {
        read("a: !!binary aGVsbG8=\nb: !!str 80\n");
        assertEquals(List.of(
                "f.yaml:1:4: YAML tags (!name) are not supported: write a plain value",
                "f.yaml:2:4: YAML tags (!name) are not supported: write a plain value"), errors());
    }

    @Test
    void aSecondDocumentIsRefused() {
        read("a: 1\n---\nb: 2\n");
        assertEquals(List.of("f.yaml:3:1: a second YAML document starts here: a scenario file holds exactly one"),
                errors());
    }

    @Test
    void deepNestingStopsWithAPositionedMistake() {
        assertNull(read("a: " + "[".repeat(100) + "]".repeat(100) + "\n"));
        assertEquals(List.of("f.yaml:1:67: the file nests deeper than 64 levels"), errors());
    }

    @Test
    void aControlCharacterIsReportedWhereItIs() {
        assertNull(read("a: 1\nb: x\u0000y\n"));
        assertEquals(List.of("f.yaml:2:5: the file holds a character YAML does not allow: U+0000 (is it a text file?)"),
                errors());
    }

    @Test
    void aReservedCharacterAtTheStartOfAValueAsksForQuotes() {
        assertNull(read("scenario: t\ndescription: @home\n"));
        assertEquals(List.of("f.yaml:2:14: a value cannot start with '@'; put the value in quotes"), errors());
    }

    @Test
    void aComplexKeyIsRefused() {
        assertNull(read("? [a]\n: 1\n"));
        assertEquals(1, problems.size());
        assertTrue(errors().get(0).endsWith("a map key must be plain text, not a list or a map"), errors().get(0));
    }

    @Test
    void aTopLevelScalarIsATree() {
        assertInstanceOf(YamlNode.Scalar.class, read("just text\n"));
        assertTrue(problems.isEmpty());
    }
}
