package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.process.Step;

/** A scenario using every extension loads with the values it states. */
class ExtensionsExampleTest {
    @Test
    void everyExtensionIsRead() throws ScenarioException {
        Scenario s = ScenarioLoader.load(Path.of("src/test/resources/scenarios/udp-echo-extensions.yaml"));
        assertEquals(new Defaults(new LinkParams(2_000_000, 10_000_000, 0.005, 64), 49152, 65535, 1_000_000_000L),
                s.defaults());
        assertEquals(List.of(0L, 15_000_000L, 1_000_000_000L), s.snapshots());
        assertEquals(List.of(new TimelineNote(new Pos(11, 5), 10_000_000, "the first ping leaves")), s.timeline());
        assertEquals(new LinkParams(500_000, 10_000_000, 0.01, 64), s.links().get(1).params());
        Step.Repeat loop = (Step.Repeat) s.processes().get(0).steps().get(3);
        assertEquals(new Step.RecvFrom(new Step.Common(34, null, 1_000_000_000, "wait for a ping"), "u", 1500, "m", null),
                loop.steps().get(0));
        assertEquals(new Step.Note(new Step.Common(28, null, -1, null), "bind the echo port"), s.processes().get(0).steps().get(0));
        assertEquals("pc3", s.processes().get(2).host());
        assertEquals(4, s.expectations().size());
    }
}
