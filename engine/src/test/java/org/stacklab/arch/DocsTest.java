package org.stacklab.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation is self-contained: every rule code a report can print (a string literal of
 * the engine such as "... no established connection, I2") and every code a lesson or page cites
 * has its anchor in docs/port-table.md, and no file cites a Markdown file the repository lacks.
 */
class DocsTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A rule code: a group letter and a number, as "J1" or "N10"; "SVG paths" such as M0,0 are not. */
    private static final Pattern CODE = Pattern.compile("(?<![\\w,.#-])([A-L]|N)([0-9]{1,2})(?![\\w,.%])");
    private static final Pattern CODE_RANGE = Pattern.compile("\\b([A-L]|N)([0-9]{1,2})-([0-9]{1,2})\\b");
    private static final Pattern MARKDOWN = Pattern.compile("[A-Za-z0-9_./-]*[A-Za-z0-9_-]+\\.md\\b");

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains("/target/")).sorted().toList();
        }
    }

    private static Set<String> anchors() throws IOException {
        String page = Files.readString(ROOT.resolve("docs/port-table.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<a id=\"([A-Z][0-9]+)\"></a>").matcher(page);
        Set<String> out = new TreeSet<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Set<String> codes(String text) {
        Set<String> out = new TreeSet<>();
        Matcher r = CODE_RANGE.matcher(text);
        while (r.find()) {
            for (int i = Integer.parseInt(r.group(2)); i <= Integer.parseInt(r.group(3)); i++) {
                out.add(r.group(1) + i);
            }
        }
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            out.add(m.group(1) + m.group(2));
        }
        return out;
    }

    @Test
    void everyRuleCodeTheEngineCanPrintIsExplained() throws IOException {
        Set<String> anchors = anchors();
        Set<String> printed = new TreeSet<>();
        for (Path f : files(ROOT.resolve("engine/src/main/java"), ".java")) {
            Matcher m = LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                printed.addAll(codes(m.group(1)));
            }
        }
        assertTrue(printed.containsAll(Set.of("I1", "I2", "J1", "J2", "K1", "K3", "C6", "D4")), "codes found: " + printed);
        printed.removeAll(anchors);
        assertEquals(Set.of(), printed, "rule codes printed by the engine without an anchor in docs/port-table.md");
    }

    /** The explorer links each delivery's rule name to docs/port-table.md#NAME, its code to #CODE. */
    @Test
    void everyRuleNameOfADeliveryHasAnAnchor() throws IOException {
        Set<String> anchors = anchors();
        String page = Files.readString(ROOT.resolve("docs/port-table.md"), StandardCharsets.UTF_8);
        for (org.stacklab.transport.Rule r : org.stacklab.transport.Rule.values()) {
            assertTrue(page.contains("<a id=\"" + r.label() + "\"></a>"), "docs/port-table.md has no anchor for rule " + r.label());
            assertTrue(anchors.contains(r.ref()), "docs/port-table.md has no anchor for code " + r.ref());
        }
    }

    @Test
    void everyRuleCodeALessonOrPageCitesIsExplained() throws IOException {
        Set<String> anchors = anchors();
        // docs/bridge.md labels its own list of what it does not compare (L3, ...) and explains each.
        Matcher own = Pattern.compile("(?m)^(?:\\| |- \\*\\*)([A-N][0-9]+)[ *]")
                .matcher(Files.readString(ROOT.resolve("docs/bridge.md")));
        while (own.find()) {
            anchors.add(own.group(1));
        }
        List<Path> texts = Stream.concat(files(ROOT.resolve("scenarios"), ".yaml").stream(),
                Stream.of("README.md", "docs/concepts.md", "docs/bridge.md", "docs/scenario-format.md").map(ROOT::resolve)).toList();
        for (Path f : texts) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Set<String> cited = codes(text.replaceAll("\\[[A-Z]{2}[0-9]{2}[^\\]]*\\]", ""));
            cited.removeAll(anchors);
            assertEquals(Set.of(), cited, f + " cites codes docs/port-table.md does not explain");
        }
    }

    @Test
    void noFileCitesAMarkdownFileTheRepositoryLacks() throws IOException {
        Set<String> present = files(ROOT, ".md").stream().filter(p -> !p.toString().contains("/.git/"))
                .map(p -> ROOT.relativize(p).normalize().toString()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> names = present.stream().map(p -> Path.of(p).getFileName().toString()).collect(Collectors.toSet());
        List<Path> texts = Stream.of(files(ROOT.resolve("engine/src"), ".java"), files(ROOT.resolve("jmh/src"), ".java"),
                        files(ROOT.resolve("scenarios"), ".yaml"), files(ROOT, ".md"))
                .flatMap(List::stream).filter(p -> !p.toString().contains("/.git/")).toList();
        for (Path f : texts) {
            Matcher m = MARKDOWN.matcher(Files.readString(f, StandardCharsets.UTF_8));
            while (m.find()) {
                String cited = m.group();
                boolean found = present.contains(Path.of(cited).normalize().toString())
                        || present.contains(cited.replaceFirst("^(\\.\\./)+", ""))
                        || Files.exists(f.getParent().resolve(cited)) || (!cited.contains("/") && names.contains(cited));
                assertTrue(found, f + " cites " + cited + ", which is not in the repository");
            }
        }
    }
}
