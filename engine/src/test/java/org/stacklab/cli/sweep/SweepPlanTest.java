package org.stacklab.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a sweep reads its parameters and seeds, and what it changes in the scenario. */
class SweepPlanTest {
    private static final String YAML = String.join("\n",
            "scenario: s",
            "defaults:",
            "  link: {latency: 1ms}",
            "hosts:",
            "  - {name: a, ip: 10.0.0.1}",
            "  - {name: b, ip: 10.0.0.2, count: 3}",
            "links:",
            "  - [a, b]",
            "  - {a: a, b: b, loss: 5%}",
            "  - {a: b, b: a, latency: 2ms}",
            "processes:",
            "  - {name: p, host: a, app: udp-echo-client, args: {to: 10.0.0.2:7, count: 5}}",
            "");

    @Test
    void seedsAreRangesListsAndMixes() {
        assertEquals(List.of(1L, 2L, 3L), SweepPlan.parseSeeds("1-3"));
        assertEquals(List.of(4L, 9L, 10L, 11L), SweepPlan.parseSeeds("4, 9-11"));
        assertEquals(List.of(-2L), SweepPlan.parseSeeds("-2"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSeeds("3-1"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSeeds("a"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSeeds("1-9999999"));
    }

    @Test
    void aSetIsAKeyPathAndItsValues() {
        SweepPlan.Param p = SweepPlan.parseSet("link.loss=0%, 1%,2%");
        assertEquals("link.loss", p.key());
        assertEquals(List.of("0%", "1%", "2%"), p.values());
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSet("loss"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSet("link.loss=1%,,2%"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSet("seed=1,2"));
        assertThrows(IllegalArgumentException.class, () -> SweepPlan.parseSet("a..b=1"));
    }

    @Test
    void combinationsVaryTheFirstParameterSlowestAndTheSeedFastest() {
        SweepPlan plan = new SweepPlan(List.of(new SweepPlan.Param("x", List.of("1", "2")),
                new SweepPlan.Param("y", List.of("a", "b", "c"))), List.of(7L, 8L));
        List<SweepPlan.Combo> cs = plan.combos();
        assertEquals(12, cs.size());
        assertEquals(List.of("1", "a"), cs.get(0).values());
        assertEquals(8L, cs.get(1).seed());
        assertEquals(List.of("1", "b"), cs.get(2).values());
        assertEquals(List.of("2", "c"), cs.get(11).values());
        for (int i = 0; i < cs.size(); i++) {
            assertEquals(i, cs.get(i).index());
        }
    }

    @Test
    void linkShorthandSetsTheDefaultAndEveryLinkThatSetsItItself() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode base = yaml.readTree(YAML);
        List<SweepPlan.Param> ps = List.of(new SweepPlan.Param("link.loss", List.of("2%")),
                new SweepPlan.Param("processes.p.args.count", List.of("9")),
                new SweepPlan.Param("hosts.1.count", List.of("4")));
        JsonNode out = yaml.readTree(SweepPlan.apply(yaml, base, ps, new SweepPlan.Combo(0, List.of("2%", "9", "4"), 5)));
        assertEquals("2%", out.at("/defaults/link/loss").asText());
        assertEquals("1ms", out.at("/defaults/link/latency").asText());
        assertEquals("2%", out.at("/links/1/loss").asText());
        assertTrue(out.at("/links/2/loss").isMissingNode(), "a link that does not set loss keeps the default");
        assertEquals(9, out.at("/processes/0/args/count").asInt());
        assertTrue(out.at("/processes/0/args/count").isNumber(), "a number stays a number");
        assertEquals(4, out.at("/hosts/1/count").asInt());
        assertEquals(5, out.at("/seed").asLong());
        assertEquals("5%", base.at("/links/1/loss").asText(), "the base tree is not changed");
    }

    @Test
    void aPathThatNamesNothingIsRefused() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode base = yaml.readTree(YAML);
        SweepPlan.Combo c = new SweepPlan.Combo(0, List.of("1"), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.apply(yaml, base, List.of(new SweepPlan.Param("processes.nope.args.count", List.of("1"))), c));
        assertTrue(e.getMessage().contains("no item named 'nope'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.apply(yaml, base, List.of(new SweepPlan.Param("links.7.loss", List.of("1"))), c));
        assertThrows(IllegalArgumentException.class,
                () -> SweepPlan.apply(yaml, base, List.of(new SweepPlan.Param("scenario.x", List.of("1"))), c));
    }

    @Test
    void plotPositionsAreNumericOnlyWithOneSharedUnit() {
        double[] xs = SweepPlot.positions(List.of("0%", "0.5%", "2%"));
        assertEquals(0.5, xs[1], 1e-9);
        assertEquals(2, xs[2], 1e-9);
        double[] cat = SweepPlot.positions(List.of("1ms", "1s"));
        assertEquals(1, cat[1], 1e-9);
    }
}
