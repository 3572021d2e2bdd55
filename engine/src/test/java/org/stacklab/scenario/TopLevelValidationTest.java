package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopLevelValidationTest {
    @Test
    void absentOptionalKeysTakeTheirDefaults() {
        Scenario s = ok("scenario: t\n");
        assertEquals("", s.description());
        assertEquals(1, s.seed());
        assertEquals(-1, s.untilNs());
        assertEquals(Defaults.DEFAULT, s.defaults());
        assertEquals(List.of(), s.hosts());
    }

    @Test
    void aMissingScenarioNameIsReportedAtTheTopOfTheFile() {
        assertErrors("seed: 3\n", "t.yaml:1:1: missing required key 'scenario' at the top level");
    }

    @Test
    void aScenarioNameOutsideItsAlphabetIsRefused() {
        assertErrors("scenario: Socket_vs_Port\n",
                "t.yaml:1:11: scenario name 'Socket_vs_Port' must use only lower-case letters, digits and '-' ([a-z0-9-]+)");
    }

    @Test
    void anUnknownKeySuggestsTheClosestKnownOne() {
        assertErrors("scenario: t\nsede: 3\n", "t.yaml:2:1: unknown key 'sede' at the top level; did you mean 'seed'?");
    }

    @Test
    void anUnknownKeyFarFromAnyListsTheKnownOnes() {
        assertErrors("scenario: t\nnetwork: x\n", "t.yaml:2:1: unknown key 'network' at the top level; known keys:"
                + " scenario, description, seed, until, defaults, hosts, links, processes, expect, snapshots, timeline, quiz");
    }

    @Test
    void aValueOfTheWrongTypeSaysWhatWasExpected() {
        assertErrors("scenario: t\nseed: seven\nhosts: {web: 1}\n",
                "t.yaml:2:7: expected a whole number for 'seed', got 'seven'",
                "t.yaml:3:8: expected a list for 'hosts', got a map");
    }

    @Test
    void anySeedThatFitsALongIsFine() {
        assertEquals(-5, ok("scenario: t\nseed: -5\n").seed());
        assertErrors("scenario: t\nseed: 99999999999999999999\n",
                "t.yaml:2:7: 'seed' must be a whole number that fits in 64 bits, got 99999999999999999999");
    }

    @Test
    void aNegativeUntilIsRefused() {
        assertErrors("scenario: t\nuntil: -5s\n", "t.yaml:2:8: bad time '-5s': a time cannot be negative");
    }

    @Test
    void aTimeWithoutAUnitIsRefused() {
        assertErrors("scenario: t\nuntil: 30\n", "t.yaml:2:8: bad time '30': expected a number with a unit ns, us, ms or s");
    }

    @Test
    void defaultsMergeOverTheBuiltInOnes() {
        Scenario s = ok("""
                scenario: t
                defaults:
                  link: {latency: 2ms, loss: 0.5%}
                  ephemeral_ports: 49152-65535
                  tcp: {time_wait: 2s}
                """);
        assertEquals(new Defaults(new LinkParams(2_000_000, 1_000_000_000, 0.005, 1000), 49152, 65535, 2_000_000_000L),
                s.defaults());
    }

    @Test
    void mistakesInDefaultsPointAtEachValue() {
        assertErrors("""
                scenario: t
                defaults:
                  link: {latncy: 2ms, bandwidth: 10 parsecs, loss: 150%, queue: abc}
                  ephemeral_ports: 600-500
                  tcp: {time_wait: forever}
                """,
                "t.yaml:3:10: unknown key 'latncy' in defaults.link; did you mean 'latency'?",
                "t.yaml:3:34: bad bandwidth '10 parsecs': expected a number with a unit bps, Kbps, Mbps or Gbps",
                "t.yaml:3:52: bad loss '150%': must be between 0% and 100%",
                "t.yaml:3:65: expected a whole number for 'queue', got 'abc'",
                "t.yaml:4:20: bad port range '600-500': 600 is above 500",
                "t.yaml:5:20: bad time 'forever': expected a number with a unit ns, us, ms or s");
    }

    @Test
    void snapshotsAndTimelineAreRead() {
        Scenario s = ok(BASE + """
                snapshots: [1s, 10ms]
                timeline:
                  - {at: 5ms, note: "the SYN leaves"}
                """);
        assertEquals(List.of(10_000_000L, 1_000_000_000L), s.snapshots());
        assertEquals(List.of(new TimelineNote(new Pos(7, 5), 5_000_000, "the SYN leaves")), s.timeline());
    }

    @Test
    void badSnapshotsAndTimelineNotesAreReported() {
        assertErrors(BASE + """
                snapshots: [1s, soon]
                timeline:
                  - {at: 5ms}
                  - later
                """,
                "t.yaml:5:17: bad time 'soon': expected a number with a unit ns, us, ms or s",
                "t.yaml:7:5: missing required key 'note' in timeline",
                "t.yaml:8:5: expected a timeline note like {at: 10ms, note: \"text\"}, got 'later'");
    }

    @Test
    void aFileThatIsAListIsRefused() {
        assertErrors("- scenario: t\n",
                "t.yaml:1:1: a scenario file is a map of keys (scenario:, hosts:, processes:, ...), not a list");
    }

    @Test
    void aFileThatIsAScalarIsRefused() {
        assertErrors("hello\n",
                "t.yaml:1:1: a scenario file is a map of keys (scenario:, hosts:, processes:, ...), not 'hello'");
    }

    @Test
    void anUnreadableFileIsOneErrorAtTheStart(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        try {
            ScenarioLoader.load(missing);
        } catch (ScenarioException e) {
            assertEquals(List.of(new ScenarioError(missing.toString(), 1, 1, "cannot read file: no such file")), e.errors());
            return;
        }
        throw new AssertionError("expected a ScenarioException");
    }

    @Test
    void aBinaryFileIsRefusedWhereTheTextStops(@TempDir Path dir) throws IOException {
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xC3, (byte) 0x28});
        try {
            ScenarioLoader.load(bin);
        } catch (ScenarioException e) {
            assertEquals(List.of(bin + ":2:4: cannot read file: it is not UTF-8 text"),
                    e.errors().stream().map(ScenarioError::toString).toList());
            return;
        }
        throw new AssertionError("expected a ScenarioException");
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals("t", ok("\uFEFFscenario: t\n").name());
    }

    @Test
    void anchorsAreMistakesOfTheFileNotCrashes() {
        assertErrors("scenario: t\ndescription: &d text\nseed: *d\n",
                "t.yaml:2:14: anchors (&name) are not supported: write the value out in full",
                "t.yaml:3:7: aliases (*name) are not supported: write the value out in full");
    }
}
