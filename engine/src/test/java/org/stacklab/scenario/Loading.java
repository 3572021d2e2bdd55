package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/**
 * Test helpers: load YAML text and get the scenario or the errors as {@code FILE:LINE:COLUMN: message}.
 * Every text also goes through the scenario schema ({@link SchemaCheck}), which must agree.
 */
final class Loading {
    static final String FILE = "t.yaml";
    /** Four lines every validation test builds on: a host {@code web} and a group {@code client} of 3. */
    static final String BASE = """
            scenario: t
            hosts:
              - {name: web, ip: 10.0.0.1}
              - {name: client, count: 3, ip: 10.1.0.1}
            """;

    private Loading() {}

    static Scenario ok(String yaml) {
        Scenario s;
        try {
            s = ScenarioLoader.parse(FILE, yaml);
        } catch (ScenarioException e) {
            return fail("expected the scenario to load, got " + e.errors());
        }
        SchemaCheck.assertAccepts(yaml);
        return s;
    }

    static List<String> errors(String yaml) {
        try {
            ScenarioLoader.parse(FILE, yaml);
        } catch (ScenarioException e) {
            List<String> errors = e.errors().stream().map(ScenarioError::toString).toList();
            SchemaCheck.assertAgreesOnRejection(yaml, errors);
            return errors;
        }
        return fail("expected errors");
    }

    static void assertErrors(String yaml, String... expected) {
        assertEquals(List.of(expected), errors(yaml));
    }
}
