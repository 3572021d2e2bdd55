package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A file with many mistakes gets all of them reported, in file order, not just the first. */
class SeveralMistakesTest {
    @Test
    void everyMistakeIsReportedInFileOrder() {
        Path file = Path.of("src/test/resources/scenarios/several-mistakes.yaml");
        List<String> errors;
        try {
            ScenarioLoader.load(file);
            throw new AssertionError("expected a ScenarioException");
        } catch (ScenarioException e) {
            errors = e.errors().stream().map(ScenarioError::toString).map(s -> s.substring(s.lastIndexOf('/') + 1)).toList();
            assertEquals(e.errors().get(0).toString(), e.getMessage());
        }
        assertEquals(List.of(
                "several-mistakes.yaml:1:11: scenario name 'Bad_Name' must use only lower-case letters, digits and '-' ([a-z0-9-]+)",
                "several-mistakes.yaml:2:7: expected a whole number for 'seed', got 'abc'",
                "several-mistakes.yaml:3:8: bad time '-5s': a time cannot be negative",
                "several-mistakes.yaml:4:1: unknown key 'sede' at the top level; did you mean 'seed'?",
                "several-mistakes.yaml:6:10: unknown key 'latncy' in defaults.link; did you mean 'latency'?",
                "several-mistakes.yaml:6:34: bad bandwidth '10 parsecs': expected a number with a unit bps, Kbps, Mbps or Gbps",
                "several-mistakes.yaml:6:52: bad loss '150%': must be between 0% and 100%",
                "several-mistakes.yaml:9:9: not an IPv4 address: '10.0.0.300' (300 is above 255)",
                "several-mistakes.yaml:10:11: duplicate host name 'web' (first at line 8)",
                "several-mistakes.yaml:14:9: group 'big' of 300 hosts starting at 255.255.255.1 runs past 255.255.255.255",
                "several-mistakes.yaml:16:5: a link joins host 'web' to itself",
                "several-mistakes.yaml:17:17: unknown host 'wbe'; did you mean 'web'?",
                "several-mistakes.yaml:21:12: bad time '-1ms': a time cannot be negative",
                "several-mistakes.yaml:23:33: 'type' must be stream (TCP) or dgram (UDP), got 'tcp'",
                "several-mistakes.yaml:24:9: unknown step 'bnd'; did you mean 'bind'?",
                "several-mistakes.yaml:25:24: unknown socket 't': no earlier 'socket' or 'accept ... as:' step names it",
                "several-mistakes.yaml:25:33: port 70000 is out of range 0-65535 in '0.0.0.0:70000'",
                "several-mistakes.yaml:25:62: unknown errno 'EADDRINUS'; did you mean 'EADDRINUSE'?",
                "several-mistakes.yaml:26:33: unknown variable 'm': no earlier 'recvfrom' step has 'as: m'",
                "several-mistakes.yaml:30:21: app 'tcp-sink' does not take 'count'; it takes: port",
                "several-mistakes.yaml:32:14: no process matches 'nobody*'",
                "several-mistakes.yaml:34:21: unknown drop reason 'lost'; did you mean 'loss'?"), errors);
    }
}
