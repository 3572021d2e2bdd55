package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent;
import org.stacklab.process.VirtualProcess;
import org.stacklab.trace.Tracer;

/** The second wave's {@code exit} and {@code retry} steps (docs/scenario-format.md). */
class ExitAndRetryTest {
    private static final String TWO = """
            scenario: t
            hosts:
              - {name: web, ip: 10.0.0.1}
              - {name: a, ip: 10.0.0.2}
            """;

    @Test
    void exitClosesEverySocketListenersIncludedAndThePeerSeesEndOfStream() throws ScenarioException {
        // exit(2) closes the descriptors as close() would: the connection's FIN reaches the client
        // (recv returns 0 bytes), and the listener is gone (a new connect is refused with RST).
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(TWO + """
                links: [[a, web]]
                processes:
                  - name: srv
                    host: web
                    steps:
                      - socket: {name: l, type: stream}
                      - bind: {socket: l, addr: 0.0.0.0:80}
                      - listen: {socket: l}
                      - accept: {socket: l, as: c}
                      - exit
                      - close: {socket: l}
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: s, type: stream}
                      - connect: {socket: s, addr: 10.0.0.1:80}
                      - recv: {socket: s}
                      - sleep: 10ms
                      - socket: {name: t, type: stream}
                      - connect: {socket: t, addr: 10.0.0.1:80, expect_error: ECONNREFUSED}
                expect:
                  - {process: cli, finished: true}
                  - {process: srv, finished: true}
                """);
        List<String> srv = r.calls("srv").stream().map(TraceEvent.CallEvent::step).toList();
        assertEquals(List.of("socket", "bind", "listen", "accept", "exit"), srv); // nothing after exit runs
    }

    @Test
    void aRetryPassesAgainOnAListedErrnoUntilTheAnswerComes() throws ScenarioException {
        // 60% loss each way: the query or its answer is often lost; the client asks again on EAGAIN.
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(TWO + """
                seed: 3
                links: [{a: a, b: web, loss: 60%}]
                processes:
                  - name: dns
                    host: web
                    app: udp-echo-server
                    args: {port: 53}
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - retry:
                          times: 40
                          on: [EAGAIN]
                          steps:
                            - sendto: {socket: u, to: 10.0.0.1:53, data: "query"}
                            - recv: {socket: u, timeout: 100ms, expect: "query"}
                expect:
                  - {process: cli, finished: true}
                """);
        long recvs = r.calls("cli").stream().filter(c -> c.step().equals("recv")).count();
        assertTrue(recvs > 1, "seed 3 loses at least one exchange: " + recvs);
    }

    @Test
    void aRetryOutOfPassesFailsWithTheLastError() throws ScenarioException {
        String yaml = TWO + """
                processes:
                  - name: cli
                    host: a
                    steps:
                      - socket: {name: u, type: dgram}
                      - bind: {socket: u, addr: 10.0.0.2:5000}
                      - retry:
                          times: 3
                          on: [EAGAIN]
                          steps:
                            - recv: {socket: u, timeout: 100ms}
                """;
        World w = Assembler.assemble(Loading.ok(yaml), Tracer.off());
        ScenarioRun.run(w, -1);
        assertFalse(w.processes().get(0).finished());
        assertTrue(w.processes().get(0).failure().contains("EAGAIN"), w.processes().get(0).failure());
        // With expect_error the script goes on after the third pass, at 300 ms.
        KernelEdgeRulesTest.Run r = KernelEdgeRulesTest.run(yaml.replace("on: [EAGAIN]", "on: [EAGAIN]\n          expect_error: EAGAIN")
                + "      - sleep: 1ms\nexpect:\n  - {process: cli, finished: true}\n");
        List<TraceEvent.CallEvent> recvs = r.calls("cli").stream().filter(c -> c.step().equals("recv")).toList();
        assertEquals(3, recvs.size());
        assertEquals(300_000_000L, recvs.get(2).time());
    }

    @Test
    void retryAndExitMistakesPointIntoTheFile() {
        List<String> errors = Loading.errors(Loading.BASE + """
                processes:
                  - name: p
                    host: web
                    steps:
                      - retry: {times: 2, on: [EAGIAN], steps: [{sleep: 1ms}]}
                      - exit: 3
                """);
        assertEquals(2, errors.size(), errors::toString);
        assertTrue(errors.get(0).startsWith("t.yaml:9:"), errors::toString);
        assertTrue(errors.get(0).contains("unknown errno 'EAGIAN'"), errors::toString);
        assertTrue(errors.get(1).startsWith("t.yaml:10:15:"), errors::toString);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
        48, 49, 50})
    void lesson11EveryClientGetsEveryAnswerWhateverTheSeed(int seed) throws Exception {
        Scenario sc = ScenarioLoader.load(java.nio.file.Path.of("..", "scenarios", "11-the-client-retries.yaml"));
        Scenario seeded = new Scenario(sc.file(), sc.name(), sc.description(), seed, sc.untilNs(), sc.defaults(),
                sc.hosts(), sc.links(), sc.processes(), sc.expectations(), sc.snapshots(), sc.timeline());
        Tracer t = new Tracer();
        List<TraceEvent> notes = new java.util.ArrayList<>();
        t.add(e -> {
            if (e instanceof TraceEvent.NoteEvent n && n.text().startsWith("retry")) {
                notes.add(e);
            }
        });
        RunResult r = ScenarioRun.run(Assembler.assemble(seeded, t), -1);
        assertTrue(r.allHeld(), () -> "seed " + seed + ": " + r.checks());
        for (VirtualProcess p : r.world().processes()) {
            if (p.name().startsWith("stub")) {
                assertEquals(3 * ("answer to query from client" + p.name().substring(4)).length(), p.receivedBytes(), p.name());
            }
        }
        assertTrue(seed != 1 || !notes.isEmpty(), "seed 1 loses some exchange: the lesson shows a retry");
    }
}
