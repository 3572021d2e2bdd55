package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.errors;
import static org.stacklab.scenario.Loading.ok;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code quiz} extension: which deliveries report.html's explorer asks about. */
class QuizKeyTest {
    @Test
    void absentMeansNoChoice() {
        assertNull(ok(BASE).quiz());
    }

    @Test
    void allAsksEverywhere() {
        assertEquals(List.of(new QuizPick(null, 0, 0)), ok(BASE + "quiz: all\n").quiz());
    }

    @Test
    void entriesPickHostPortAndCount() {
        Scenario s = ok(BASE + "quiz:\n  - {host: web, port: 80, first: 1}\n  - {port: 53}\n");
        assertEquals(List.of(new QuizPick("web", 80, 1), new QuizPick(null, 53, 0)), s.quiz());
    }

    @Test
    void mistakesArePlacedInTheFile() {
        List<String> e = errors(BASE + "quiz:\n  - {host: nosuch, port: 70000, when: 1}\n");
        assertTrue(e.stream().anyMatch(m -> m.startsWith("t.yaml:6:") && m.contains("unknown host 'nosuch'")), e::toString);
        assertTrue(e.stream().anyMatch(m -> m.startsWith("t.yaml:6:") && m.contains("port")), e::toString);
        assertTrue(e.stream().anyMatch(m -> m.startsWith("t.yaml:6:") && m.contains("when")), e::toString);
        assertTrue(errors(BASE + "quiz: 3\n").get(0).startsWith("t.yaml:5:7:"), errors(BASE + "quiz: 3\n")::toString);
    }
}
