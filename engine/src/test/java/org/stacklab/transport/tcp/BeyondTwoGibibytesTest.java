package org.stacklab.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.scenario.ScenarioRun;
import org.stacklab.scenario.World;
import org.stacklab.trace.Tracer;

/**
 * Issue 13 item 3, end to end: one connection carries 3 GB. Sequence comparisons hold only
 * within 2^31, so every mark the sender compares with SND.UNA must stay near it: the test "our
 * SYN is acknowledged" was SND.UNA > ISS, which turned false after 2 GiB, and the sender stopped
 * with 4 MB queued, no timer and no error (the sink had 2,151,676,216 bytes when the run ended).
 * About 2.2 million segments on a 100 Gbit/s link; a couple of seconds with no trace.
 */
class BeyondTwoGibibytesTest {
    @TempDir
    Path tmp;

    @Test
    void aThreeGigabyteTransferArrivesWhole() throws Exception {
        Path file = tmp.resolve("three-gigabytes.yaml");
        Files.writeString(file, """
                scenario: three-gigabytes
                seed: 1
                hosts:
                  - {name: a, ip: 10.0.0.1}
                  - {name: b, ip: 10.0.0.2}
                links:
                  - {a: a, b: b, latency: 1ms, bandwidth: 100Gbps, queue: 10000}
                processes:
                  - {name: sink, host: b, app: tcp-sink, args: {port: 5001}}
                  - {name: send, host: a, start: 1ms, app: tcp-bulk-send, args: {to: 10.0.0.2:5001, bytes: 3000000000}}
                expect:
                  - {process: sink, received_bytes: 3000000000}
                  - {process: send, finished: true}
                """, StandardCharsets.UTF_8);
        Scenario sc = ScenarioLoader.load(file);
        World w = Assembler.assemble(sc, Tracer.off());
        RunResult r = ScenarioRun.run(w, -1);
        assertTrue(r.allHeld(), () -> r.checks().toString());
    }
}
