package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stacklab.process.Step;
import org.stacklab.transport.SocketError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/** The full example of the format's contract (docs/scenario-format.md) loads with the values it states. */
class ContractExampleTest {
    static final Path EXAMPLE = Path.of("src/test/resources/scenarios/contract-example.yaml");
    private static Scenario s;

    @BeforeAll
    static void load() throws ScenarioException {
        s = ScenarioLoader.load(EXAMPLE);
    }

    @Test
    void topLevelValues() {
        assertEquals(EXAMPLE.toString(), s.file());
        assertEquals("socket-vs-port", s.name());
        assertEquals("A web server listens on 192.168.1.5 port 80; a laptop connects from 10.0.0.2:5678.\n",
                s.description());
        assertEquals(7, s.seed());
        assertEquals(30_000_000_000L, s.untilNs());
        assertEquals(new Defaults(new LinkParams(1_000_000, 1_000_000_000, 0.0, 1000), 32768, 60999, 60_000_000_000L),
                s.defaults());
        assertEquals(List.of(), s.snapshots());
        assertEquals(List.of(), s.timeline());
    }

    @Test
    void hostsIncludingAGroup() {
        List<HostSpec> h = s.hosts();
        assertEquals(new HostSpec(new Pos(11, 5), "web", List.of(Ipv4Address.parse("192.168.1.5")), false, 0), h.get(0));
        assertEquals(new HostSpec(new Pos(15, 5), "r1", List.of(Ipv4Address.parse("10.0.0.1")), true, 0), h.get(2));
        HostSpec client = h.get(3);
        assertEquals(100, client.count());
        assertEquals("client100", client.members().get(99).name());
        assertEquals(Ipv4Address.parse("10.1.0.100"), client.members().get(99).ips().get(0));
    }

    @Test
    void linksTakeTheDefaultsUnlessTheySayOtherwise() {
        assertEquals(new LinkSpec(new Pos(23, 5), "laptop", "r1", LinkParams.DEFAULT), s.links().get(0));
        assertEquals(new LinkSpec(new Pos(24, 5), "r1", "web", new LinkParams(5_000_000, 100_000_000, 0.01, 1000)),
                s.links().get(1));
        assertEquals(new LinkSpec(new Pos(25, 5), "client", "r1", LinkParams.DEFAULT), s.links().get(2));
    }

    @Test
    void theServerScriptIsEveryStepInOrder() {
        ProcessSpec httpd = s.processes().get(0);
        assertEquals("httpd", httpd.name());
        assertEquals("web", httpd.host());
        assertEquals("root", httpd.user());
        assertEquals(0, httpd.startNs());
        assertNull(httpd.app());
        assertEquals(List.of(
                new Step.Socket(common(33), "s", Step.SockType.STREAM),
                new Step.SetSockOpt(common(34), "s", true, null),
                new Step.Bind(common(35), "s", "0.0.0.0:80"),
                new Step.Listen(common(36), "s", 16),
                new Step.Accept(common(37), "s", "conn"),
                new Step.Recv(common(38), "conn", 4096, "GET /"),
                new Step.Send(common(39), "conn", Step.Data.text("HTTP/1.0 200 OK\r\n\r\nhello")),
                new Step.Close(common(40), "conn")), httpd.steps());
    }

    @Test
    void theClientScriptAndTheSquatter() {
        ProcessSpec browser = s.processes().get(1);
        assertEquals(10_000_000, browser.startNs());
        assertEquals(new Step.Send(common(48), "c", Step.Data.text("GET / HTTP/1.0\r\n\r\n")), browser.steps().get(3));
        assertEquals(new Step.Recv(common(49), "c", 0, "200 OK"), browser.steps().get(4));
        ProcessSpec squatter = s.processes().get(2);
        assertEquals(new Step.Bind(new Step.Common(56, SocketError.EADDRINUSE, -1, null), "s", "0.0.0.0:80"),
                squatter.steps().get(1));
    }

    @Test
    void builtInAppsWithTheirArgumentsAndDefaults() {
        ProcessSpec echo = s.processes().get(3);
        assertNull(echo.steps());
        assertEquals(new AppSpec(new Pos(59, 10), "udp-echo-server", 7, null, 1, 1_000_000_000L, 64, 65536, "hello", "/"),
                echo.app());
        ProcessSpec pinger = s.processes().get(4);
        assertEquals("client", pinger.host());
        assertEquals(new AppSpec(new Pos(63, 10), "udp-echo-client", 0, Endpoint.parse("192.168.1.5:7"), 1000,
                1_000_000, 512, 65536, "hello", "/"), pinger.app());
    }

    @Test
    void expectationsOnePerClaim() {
        assertEquals(List.of(
                new Expectation.Received(new Pos(68, 5), "browser", "HTTP/1.0 200 OK"),
                new Expectation.ReceivedBytes(new Pos(70, 5), "pinger*", 512000),
                new Expectation.Finished(new Pos(72, 5), "browser", true),
                new Expectation.Drops(new Pos(73, 5), "port-unreachable", 0)), s.expectations());
    }

    private static Step.Common common(int line) {
        return new Step.Common(line, null, -1, null);
    }
}
