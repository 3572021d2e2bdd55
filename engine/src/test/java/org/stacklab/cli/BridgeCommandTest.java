package org.stacklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stacklab bridge}: exit 0 when the worlds agree, 1 with the divergences, 2 for bad input; nothing leaves loopback. */
class BridgeCommandTest {
    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    Run bridge(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "bridge";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String name, String yaml) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    static final String ECHO = """
            scenario: echo
            hosts:
              - {name: server, ip: 10.0.0.1}
              - {name: client, ip: 10.0.0.2}
            links:
              - [client, server]
            processes:
              - name: server
                host: server
                steps:
                  - socket: {name: s, type: dgram}
                  - bind: {socket: s, addr: 10.0.0.1:46020}
                  - recvfrom: {socket: s, as: m, timeout: 1s}
                  - sendto: {socket: s, to: "${m.from}", data: "pong"}
              - name: client
                host: client
                start: 10ms
                steps:
                  - socket: {name: c, type: dgram}
                  - sendto: {socket: c, to: 10.0.0.1:46020, data: "ping"}
                  - recvfrom: {socket: c, timeout: 1s, expect: "pong"}
            """;

    @Test
    void agreeingWorldsExitZeroAndTheReportNamesTheMachineAndTheMapping() throws IOException {
        Run r = bridge(file("echo.yaml", ECHO).toString(), "--base", "127.0.49.2");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("machine: " + System.getProperty("os.name") + " " + System.getProperty("os.version")), r.out());
        assertTrue(r.out().contains("Java " + System.getProperty("java.runtime.version")), r.out());
        assertTrue(r.out().matches("(?s).*server +10\\.0\\.0\\.1 +-> 127\\.0\\.49\\.2.*"), r.out());
        assertTrue(r.out().contains("recvfrom(s as m)"), r.out());
        assertTrue(r.out().contains("the real run agrees with the simulation"), r.out());
    }

    @Test
    void namespacesGiveEachHostItsOwnAddressesOrSayWhyNot() throws IOException {
        Run bad = bridge(file("echo.yaml", ECHO).toString(), "--namespaces", "--base", "127.0.49.2");
        assertEquals(2, bad.status(), bad.out() + bad.err());
        assertTrue(bad.err().contains("--namespaces and --base exclude each other"), bad.err());
        String why = org.stacklab.bridge.netns.NamespaceNetwork.unavailable(org.stacklab.bridge.Environment.detect().isRoot());
        Run r = bridge(file("echo.yaml", ECHO).toString(), "--namespaces");
        if (why != null) { // not root, or no iproute2: one line, exit 2, nothing run
            assertEquals(2, r.status(), r.out() + r.err());
            assertTrue(r.err().contains("--namespaces: " + why), r.err());
            org.stacklab.wire.RequiredTool.require(false, "the rest needs root and iproute2: " + why);
        }
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*hosts, each in a network namespace of its own:\n  server +10\\.0\\.0\\.1\n.*"), r.out());
        assertTrue(r.out().contains("note: network: a namespace per host (2 namespace(s), 1 veth link(s), 0 router(s)"), r.out());
        assertTrue(r.out().contains("ok 4 bytes from server:46020"), r.out());
    }

    /**
     * Measured: root in a user namespace of its own ({@code unshare -Urn}) may not mount /run/netns,
     * so {@code ip netns add} fails; the default then runs on loopback and says why, and an explicit
     * --namespaces exits 2 with the tool's message. Nothing of the failed build is left.
     */
    @Test
    void aNamespaceNetworkThatCannotBeBuiltFallsBackToLoopbackByDefault() throws Exception {
        org.stacklab.wire.RequiredTool.require(org.stacklab.bridge.Environment.detect().isRoot()
                && org.stacklab.bridge.netns.NamespaceNetwork.unavailable(true) == null
                && Files.isExecutable(Path.of("/usr/bin/unshare")), "needs root, iproute2 and unshare");
        Path f = file("echo.yaml", ECHO);
        for (boolean explicit : new boolean[] {false, true}) {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("/usr/bin/unshare", "-Urn",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                    "org.stacklab.cli.Main", "bridge", f.toString(), "--scale", "1"));
            // --scale 1: the 1 s receive timeouts stay 1 s, so a machine busy with other work does not
            // turn a late datagram into a divergence (at 1/10 they were 100 ms, missed under load)
            if (explicit) {
                cmd.add("--namespaces");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
            if (explicit) {
                assertEquals(2, p.exitValue(), out);
                assertTrue(out.contains("--namespaces: the network could not be built (nothing of it is left)"), out);
            } else {
                assertEquals(0, p.exitValue(), out);
                assertTrue(out.contains("hosts on loopback:"), out);
                assertTrue(out.contains("network: loopback, not a namespace per host (the network could not be built"), out);
                assertTrue(out.contains("the real run agrees with the simulation"), out);
            }
        }
        // a child that ended left no name behind (names hold the pid of the process that made them)
        for (String n : org.stacklab.bridge.netns.NamespaceNetwork.existing()) {
            long pid = Long.parseLong(n.substring(org.stacklab.bridge.netns.NamespaceNetwork.PREFIX.length()).split("-")[0]);
            assertTrue(ProcessHandle.of(pid).isPresent(), "a name left by an ended process: " + n);
        }
    }

    @Test
    void aDivergenceExitsOneAndIsListed() throws IOException { // K4: a mapping difference, stable
        String yaml = ECHO.replace("bind: {socket: s, addr: 10.0.0.1:46020}", "bind: {socket: s, addr: 0.0.0.0:46021}")
                .replace("- sendto: {socket: c, to: 10.0.0.1:46020, data: \"ping\"}",
                        "- connect: {socket: c, addr: 10.0.0.1:46021}\n      - send: {socket: c, data: \"ping\"}")
                .replace("recvfrom: {socket: c, timeout: 1s, expect: \"pong\"}", "recv: {socket: c, timeout: 300ms}");
        Run r = bridge(file("k4.yaml", yaml).toString(), "--base", "127.0.49.2");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("warning: a UDP socket connects to server port 46021"), r.out());
        assertTrue(r.out().contains("DIVERGENCES"), r.out());
        assertTrue(r.out().contains("client recv(c): sim ok 4 bytes, real EAGAIN"), r.out());
    }

    @Test
    void anAddressOutsideLoopbackIsRefusedBeforeAnythingRuns() throws IOException {
        Path f = file("out.yaml", ECHO.replace("to: 10.0.0.1:46020", "to: 198.51.100.7:46020"));
        // on loopback (a namespace per host reaches nothing outside the run: there the kernel answers ENETUNREACH)
        Run r = bridge(f.toString(), "--no-isolate");
        assertEquals(2, r.status());
        assertEquals("", r.out()); // not even the mapping: nothing was planned to run
        String[] lines = r.err().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith(f + ":20:"), lines[0]);
        assertTrue(lines[0].contains("198.51.100.7 belongs to no host"), lines[0]);
    }

    @Test
    void aBadFileOrFlagIsOneLineAndExitTwo() throws IOException {
        Run missing = bridge(dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.status());
        assertEquals(1, missing.err().split("\n").length, missing.err());
        Run flag = bridge(file("echo.yaml", ECHO).toString(), "--frobnicate");
        assertEquals(2, flag.status());
        assertEquals(1, flag.err().split("\n").length, flag.err());
        Run scale = bridge(file("echo.yaml", ECHO).toString(), "--scale", "zero");
        assertEquals(2, scale.status());
        assertTrue(scale.err().startsWith("stacklab: --scale"), scale.err());
        Run base = bridge(file("echo.yaml", ECHO).toString(), "--base", "10.0.0.2");
        assertEquals(2, base.status());
        assertTrue(base.err().contains("127.0.0.0/8"), base.err());
        Run invalid = bridge(file("bad.yaml", "scenario: Bad Name\n").toString());
        assertEquals(2, invalid.status());
        assertTrue(invalid.err().contains("bad.yaml:1:"), invalid.err());
    }

    @Test
    void theDeadlineClosesEverythingAndListsWhatWasStillWaiting() throws IOException {
        String yaml = ECHO.replace("recvfrom: {socket: c, timeout: 1s, expect: \"pong\"}",
                "recvfrom: {socket: c, timeout: 1s, expect: \"pong\"}\n      - sleep: 20s");
        long t0 = System.nanoTime();
        Run r = bridge(file("slow.yaml", yaml).toString(), "--base", "127.0.49.2", "--deadline", "2s");
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "bounded in time");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("reached its deadline"), r.out());
        assertTrue(r.out().contains("waiting in sleep (line"), r.out());
    }

    @Test
    void aPortInUseOnThisMachineIsAnEnvironmentProblemNotADivergence() throws IOException {
        try (DatagramChannel squatter = DatagramChannel.open(StandardProtocolFamily.INET)) {
            squatter.bind(new InetSocketAddress("127.0.49.2", 46020));
            Run r = bridge(file("echo.yaml", ECHO).toString(), "--base", "127.0.49.2", "--no-isolate");
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("environment: udp port 46020 is in use on this machine"), r.out());
            assertTrue(r.out().contains("INCOMPLETE"), r.out());
        }
    }

    @Test
    void inANamespaceOfItsOwnNothingOutsideTheRunIsInTheWay() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.stacklab.bridge.Environment.detect().isRoot()
                || "true".equals(System.getenv("CI")), "a network namespace of its own needs root");
        try (DatagramChannel squatter = DatagramChannel.open(StandardProtocolFamily.INET)) {
            squatter.bind(new InetSocketAddress("127.0.49.2", 46020));
            Run r = bridge(file("echo.yaml", ECHO).toString(), "--base", "127.0.49.2", "--isolate");
            assertEquals(0, r.status(), r.out());
            assertTrue(r.out().contains("network: a namespace of its own"), r.out());
            assertFalse(r.out().contains("INCOMPLETE"), r.out());
        }
    }

    @Test
    void theIsolatedClaimCannotBeTypedByHand() throws IOException {
        Run r = bridge(file("echo.yaml", ECHO).toString(), "--isolated");
        assertEquals(2, r.status(), r.out());
    }

    static final String FOREVER = """
            scenario: forever
            hosts:
              - {name: a, ip: 10.0.0.1}
            processes:
              - name: ticker
                host: a
                steps:
                  - repeat:
                      times: forever
                      steps:
                        - sleep: 1ns
            """;

    @Test
    void aSimulatedHalfThatNeverEndsStopsAtItsBudgetAndIsNoAgreement() throws IOException {
        Run r = bridge(file("forever.yaml", FOREVER).toString(), "--max-events", "50000");
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("NOT COMPARED: the simulated half stopped after"), r.out());
        assertTrue(r.out().contains("--max-events"), r.out());
        assertFalse(r.out().contains("agrees"), r.out());
    }

    static final String SOCKETS = """
            scenario: many-sockets
            hosts:
              - {name: a, ip: 10.0.0.1}
            processes:
              - name: hoarder
                host: a
                steps:
                  - repeat:
                      times: 3000
                      steps:
                        - socket: {name: s, type: dgram}
            """;

    /** Under a descriptor limit of 1024 (or less), 3000 sockets meet EMFILE: said once, and the run stops there. */
    @Test
    void runningOutOfDescriptorsIsReportedOnceAndStopsTheRun() throws Exception {
        String javaCmd = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path f = file("sockets.yaml", SOCKETS);
        Path cpFile = file("cp.txt", cp);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", "ulimit -n 1024 && exec \"$0\" -cp \"$(cat \"$1\")\""
                + " org.stacklab.cli.Main bridge \"$2\" --no-isolate", javaCmd, cpFile.toString(), f.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), out);
        assertTrue(out.contains("ran out of file descriptors (EMFILE: its limit is 1024)"), out);
        assertEquals(1, out.split("ran out of file descriptors", -1).length - 1, out);
        assertTrue(out.contains("ended out of file descriptors"), out);
    }
}
