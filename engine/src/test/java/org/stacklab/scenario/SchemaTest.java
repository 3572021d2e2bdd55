package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The scenario schema: the committed copy is what {@code stacklab schema} prints, every scenario
 * of the repository points editors at it, and the validator agrees with the loader on them. (Every
 * loader test's input also goes through it, in {@link Loading}.)
 */
class SchemaTest {
    private static final Path ROOT = Path.of("..");
    private static final Path COMMITTED = ROOT.resolve(ScenarioSchema.COMMITTED);

    private static List<Path> yamlUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theCommittedSchemaIsTheGeneratedOne() throws IOException {
        assertEquals(ScenarioSchema.json(), Files.readString(COMMITTED, StandardCharsets.UTF_8),
                "regenerate it: ./stacklab schema --out " + ScenarioSchema.COMMITTED);
    }

    @Test
    void everyScenarioNamesTheSchemaOnItsFirstLineAndBothValidatorsAcceptIt() throws Exception {
        List<Path> files = yamlUnder(ROOT.resolve("scenarios"));
        assertTrue(files.size() >= 15, "scenarios found: " + files);
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            String first = text.lines().findFirst().orElse("");
            assertTrue(first.startsWith("# yaml-language-server: $schema="), f + " starts with: " + first);
            Path target = f.getParent().resolve(first.substring(first.indexOf('=') + 1).trim()).normalize();
            assertEquals(COMMITTED.normalize(), target, f + " points at " + target);
            ScenarioLoader.load(f);
            SchemaCheck.assertAccepts(text);
        }
    }

    @Test
    void theTestScenariosAgreeToo() throws Exception {
        for (Path f : yamlUnder(Path.of("src/test/resources/scenarios"))) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            try {
                ScenarioLoader.load(f);
                SchemaCheck.assertAccepts(text);
            } catch (ScenarioException e) {
                SchemaCheck.assertAgreesOnRejection(text, e.errors().stream().map(ScenarioError::toString).toList());
            }
        }
    }

    @Test
    void theSchemaRejectsMistakesOfShapeThatEditorsShouldFlag() {
        String base = Loading.BASE + "processes:\n  - name: p\n    host: web\n    steps:\n";
        assertFalse(SchemaCheck.problems(base + "      - bind: {socket: s, adr: 0.0.0.0:80}\n").isEmpty());
        assertFalse(SchemaCheck.problems(base + "      - bnid: {socket: s, addr: 0.0.0.0:80}\n").isEmpty());
        assertFalse(SchemaCheck.problems(base + "      - close: {socket: s, expect_error: ENOPE}\n").isEmpty());
        assertFalse(SchemaCheck.problems(Loading.BASE + "hostz: []\n").isEmpty());
        assertFalse(SchemaCheck.problems("hosts: []\n").isEmpty(), "'scenario' is required");
        assertTrue(SchemaCheck.problems(base + "      - close: {socket: s}\n").isEmpty());
    }

    @Test
    void everyKeyTableOfTheLoaderIsInTheSchema() {
        String json = ScenarioSchema.json();
        Stream.of(ScenarioLoader.TOP_KEYS, HostReader.KEYS, LinkReader.KEYS, ProcessReader.KEYS, ExpectReader.KEYS,
                        ExpectReader.DROP_KEYS, DefaultsReader.KEYS, DefaultsReader.TCP_KEYS, StepReader.KINDS,
                        StepReader.COMMON, StepReader.REPEAT_KEYS, ScenarioLoader.TIMELINE_KEYS, QuizReader.KEYS)
                .flatMap(List::stream)
                .forEach(k -> assertTrue(json.contains("\"" + k + "\" : {"), "key " + k + " missing from the schema"));
        assertNotNull(SchemaCheck.problems("scenario: t\n"));
    }
}
