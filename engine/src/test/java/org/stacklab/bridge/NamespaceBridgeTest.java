package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stacklab.bridge.netns.NamespaceNetwork;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.wire.RequiredTool;

/**
 * {@code stacklab bridge --namespaces}: a handful of lessons and every scenario under
 * scenarios/bridge run on a network namespace per host (veth links, routers forwarding) and agree
 * with the simulation; lesson 11, whose simulation loses packets on lossy links, is skipped with
 * its figures. After each run no namespace of this process is left, neither by name (ip netns
 * list reads /run/netns) nor held (no descriptor of this JVM refers to a network namespace).
 * Needs root and iproute2: skipped with a message elsewhere, required under CI=true.
 */
class NamespaceBridgeTest {
    static Stream<Path> scenarios() throws IOException {
        Path root = Path.of("..", "scenarios");
        List<Path> lessons = Stream.of("02-a-port-picks-the-service.yaml", "07-nobody-listening.yaml",
                "11-the-client-retries.yaml", "udp-echo-behind-router.yaml").map(root::resolve).toList();
        try (Stream<Path> bridge = Files.list(root.resolve("bridge"))) {
            return Stream.concat(lessons.stream(), bridge.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream());
        }
    }

    static void requireNamespaces() {
        Environment env = Environment.detect();
        RequiredTool.require(env.isRoot(), "a network namespace per host needs root");
        String why = NamespaceNetwork.unavailable(true);
        RequiredTool.require(why == null, String.valueOf(why));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    @Timeout(60)
    void theRealNetworkAgreesWithTheSimulation(Path file) throws Exception {
        requireNamespaces();
        Scenario sc = ScenarioLoader.load(file);
        Bridge.Options o = Bridge.Options.DEFAULT.withNamespaces(true);
        Bridge.Result r = Bridge.run(sc, o, Environment.detect());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new BridgeReport(new PrintStream(buf, true, StandardCharsets.UTF_8), false).result(r);
        String report = file + "\n" + buf.toString(StandardCharsets.UTF_8);
        assertTrue(r.notes().get(0).startsWith("network: a namespace per host (" + r.plan().map().hosts().size() + " namespace(s)"),
                report);
        if (BridgeScenariosTest.losesPackets(sc)) {
            assertTrue(r.skipped() && r.skipReason().contains("to link loss"), report);
        } else {
            assertNotNull(r.comparison(), report);
            assertEquals(null, r.comparison().environmentProblem(), report);
            assertTrue(r.comparison().count(Comparison.Verdict.AGREE) > 0, report);
        }
        assertTrue(r.agree(), report);
        assertEquals(List.of(), ours(), "namespace names left behind");
        assertEquals(0, heldNamespaces(), "descriptors of network namespaces still open");
    }

    /** Names under /run/netns this JVM made (stacklab-PID-...). */
    static List<String> ours() {
        String mine = NamespaceNetwork.PREFIX + ProcessHandle.current().pid() + "-";
        return NamespaceNetwork.existing().stream().filter(n -> n.startsWith(mine)).toList();
    }

    /** Descriptors of this process that refer to a namespace (a file of nsfs). */
    static long heldNamespaces() throws IOException {
        // a namespace file is on nsfs: the device of /proc/self/ns/net (its path reads '/' once unnamed)
        Object nsfs = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self/ns/net"), "unix:dev");
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return nsfs.equals(java.nio.file.Files.getAttribute(p, "unix:dev"));
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            }).count();
        }
    }
}
