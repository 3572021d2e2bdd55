package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code expect} block; every file here has processes {@code p} (on web) and {@code ping1..3} (on the group). */
class ExpectValidationTest {
    private static String expect(String items) {
        return BASE + """
                processes:
                  - {name: p, host: web, steps: [{sleep: 1ms}]}
                  - {name: ping, host: client, app: udp-echo-client, args: {to: 10.0.0.1:7}}
                expect:
                """ + items;
    }

    @Test
    void eachClaimOfAnItemIsOneExpectation() {
        Scenario s = ok(expect("  - {process: p, received: hi, received_bytes: 2, finished: true}\n  - drops: {count: 3}\n"));
        assertEquals(List.of(
                new Expectation.Received(new Pos(9, 18), "p", "hi"),
                new Expectation.ReceivedBytes(new Pos(9, 32), "p", 2),
                new Expectation.Finished(new Pos(9, 51), "p", true),
                new Expectation.Drops(new Pos(10, 5), null, 3)), s.expectations());
    }

    @Test
    void aGlobMayMatchGroupMembersOrTheGroupItself() {
        ok(expect("  - {process: ping*, finished: true}\n  - {process: ping2, finished: true}\n  - {process: ping, finished: true}\n"));
    }

    @Test
    void aGlobMatchingNoProcessIsRefused() {
        assertErrors(expect("  - {process: pong*, finished: true}\n  - {process: ping4, finished: true}\n  - {process: q, finished: true}\n"),
                "t.yaml:9:15: no process matches 'pong*'",
                "t.yaml:10:15: no process matches 'ping4'; did you mean 'ping'?",
                "t.yaml:11:15: no process matches 'q'");
    }

    @Test
    void anUnknownDropReasonSuggestsTheClosestOne() {
        assertErrors(expect("  - drops: {reason: lost, count: 0}\n  - drops: {reason: gremlins, count: 0}\n"),
                "t.yaml:9:21: unknown drop reason 'lost'; did you mean 'loss'?",
                "t.yaml:10:21: unknown drop reason 'gremlins'; reasons are: " + String.join(", ", ScenarioLoader.DROP_REASONS));
    }

    @Test
    void dropsStandAloneAndNeedACount() {
        assertErrors(expect("  - {process: p, drops: {reason: ttl}}\n"),
                "t.yaml:9:6: 'drops' stands alone: put 'process' in another item of 'expect'",
                "t.yaml:9:25: missing required key 'count' in drops");
    }

    @Test
    void anExpectationMustClaimSomething() {
        assertErrors(expect("  - {process: p}\n  - {process: p, finished: maybe, received_bytes: lots}\n"),
                "t.yaml:9:5: this expectation claims nothing: add received, received_bytes or finished",
                "t.yaml:10:28: expected true or false for 'finished', got 'maybe'",
                "t.yaml:10:51: expected a whole number for 'received_bytes', got 'lots'");
    }

    @Test
    void theDropReasonsIncludeTheContractsOwn() {
        assertTrue(ScenarioLoader.DROP_REASONS.containsAll(List.of(
                "port-unreachable", "no-listener", "queue-full", "loss", "ttl", "no-route", "backlog-full")));
    }
}
