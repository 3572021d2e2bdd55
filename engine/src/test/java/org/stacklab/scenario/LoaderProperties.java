package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever it is fed, the loader returns a scenario or throws a ScenarioException whose errors
 * all have a position and a message; never any other throwable, never an internal error.
 */
class LoaderProperties {
    static final List<String> VALID = List.of(
            resource("contract-example.yaml"), resource("udp-echo-extensions.yaml"));
    static final List<String> TOKENS = List.of(
            "scenario: t\n", "hosts:\n", "links:\n", "processes:\n", "expect:\n", "defaults:\n", "  ", "    ", "- ",
            "name: ", "ip: ", "ips: ", "count: ", "host: ", "steps:\n", "app: ", "args: ", "a: ", "b: ", "process: ",
            "10.0.0.1", "0.0.0.0:80", "${m.from}", "${m.data}", "web", "client", "1ms", "1.5", "-1", "100%", "forever",
            "{", "}", "[", "]", "[[[[[[[[[[[[[[[[", ", ", ": ", ":", "\n", "\t", "\"", "'", "&a ", "*a", "!!str ", "# c",
            "|\n", ">\n", "---\n", "...\n", "? ", "~", "null", "true", "\\", "\uFEFF", "é", "😀", "%", "@",
            "- socket: {name: s, type: stream}\n", "- repeat: {times: 2, steps: [", "- recvfrom: {socket: s, as: m}\n",
            "- sendto: {socket: s, to: \"${m.from}\", data: x}\n", "- drops: {reason: loss, count: 0}\n");
    static final List<Character> CHARS = List.of(' ', ':', '-', '\t', '\n', '"', '\'', '{', '}', '[', ']', '&',
            '*', '!', '#', '$', '%', 'a', 'z', '0', '9', '.', '\\', '\u0000', '|', '>', '@', '`', '\r', 'é');

    /** How a valid file is broken: a, b pick lines or characters (modulo the size), c is a character to put in. */
    enum Op {
        DELETE_LINE, DUPLICATE_LINE, SWAP_LINES, REPLACE_CHAR, INSERT_CHAR, DELETE_CHAR
    }

    record Mutation(Op op, int a, int b, char c) {}

    @Property(tries = 200)
    void randomBytesFromAFile(@ForAll @Size(max = 400) byte[] bytes) throws IOException {
        Path file = Files.createTempFile("stacklab-loader", ".yaml");
        try {
            Files.write(file, bytes);
            check(() -> ScenarioLoader.load(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Property(tries = 200)
    void randomText(@ForAll @Size(max = 300) String text) {
        check(() -> ScenarioLoader.parse("r.yaml", text));
    }

    @Property(tries = 300)
    void yamlishDocuments(@ForAll("yamlish") String text) {
        check(() -> ScenarioLoader.parse("y.yaml", text));
    }

    @Property(tries = 400)
    void mutatedValidScenarios(@ForAll("mutated") String text) {
        check(() -> ScenarioLoader.parse("m.yaml", text));
    }

    @Property(tries = 1)
    void theValidScenariosAreValid() {
        for (String v : VALID) {
            check(() -> ScenarioLoader.parse("v.yaml", v));
            assertNotNull(Loading.ok(v));
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(ts -> String.join("", ts));
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Mutation> m = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.of(CHARS)).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(VALID), m.list().ofMinSize(1).ofMaxSize(6)).as(LoaderProperties::apply);
    }

    static String apply(String text, List<Mutation> mutations) {
        String t = text;
        for (Mutation m : mutations) {
            t = apply(t, m);
        }
        return t;
    }

    private static String apply(String t, Mutation m) {
        List<String> lines = new ArrayList<>(Arrays.asList(t.split("\n", -1)));
        int i = m.a() % lines.size();
        int j = m.b() % lines.size();
        int k = t.isEmpty() ? 0 : m.a() % t.length();
        switch (m.op()) {
            case DELETE_LINE -> lines.remove(i);
            case DUPLICATE_LINE -> lines.add(j, lines.get(i));
            case SWAP_LINES -> lines.set(j, lines.set(i, lines.get(j)));
            case REPLACE_CHAR -> {
                return t.isEmpty() ? t : t.substring(0, k) + m.c() + t.substring(k + 1);
            }
            case INSERT_CHAR -> {
                return t.substring(0, k) + m.c() + t.substring(k);
            }
            case DELETE_CHAR -> {
                return t.isEmpty() ? t : t.substring(0, k) + t.substring(k + 1);
            }
        }
        return String.join("\n", lines);
    }

    interface Load {
        Scenario load() throws ScenarioException;
    }

    /** The loader's only outcomes: a scenario, or positioned, worded errors that are not internal errors. */
    static void check(Load load) {
        try {
            assertNotNull(load.load());
        } catch (ScenarioException e) {
            assertFalse(e.errors().isEmpty(), "a ScenarioException without errors");
            for (ScenarioError err : e.errors()) {
                assertTrue(err.line() >= 1 && err.column() >= 1, err.toString());
                assertFalse(err.message().isBlank(), err.toString());
                assertFalse(err.message().startsWith("internal error"), err.toString());
            }
        }
    }

    private static String resource(String name) {
        try {
            return Files.readString(Path.of("src/test/resources/scenarios", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
