package org.stacklab.process.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.process.ProcessObserver;
import org.stacklab.process.SimSocketApi;
import org.stacklab.process.VirtualProcess;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * Issue 8's W2 shape at test scale: H clients, each on its own 1 Gbps link to a router, send
 * 64 KiB with tcp-bulk-send at t = 1 s into one tcp-sink behind a 10 Gbps link. The test checks
 * that every byte arrives (speed is measured by the benchmark, never asserted here).
 */
class TcpFanInTest {
    @Test
    void twoHundredClientsEachDeliverSixtyFourKibToOneSink() {
        long[] r = run(200, 65536);
        assertEquals(200L * 65536, r[0]);
        assertEquals(200, r[1]);
    }

    /** Received bytes at the sink, senders finished, events run, simulated end, packets sent. */
    static long[] run(int hosts, int bytes) {
        Simulator sim = new Simulator(1);
        Tracer tracer = Tracer.off();
        Network net = new Network(sim, tracer);
        Host server = net.addHost("server", List.of(Ipv4Address.parse("10.0.0.1")), false);
        Host router = net.addHost("r1", List.of(Ipv4Address.parse("10.0.0.254")), true);
        net.link(router, server, new LinkConfig(SimTime.MS, 10_000_000_000L, 0, 100_000));
        TransportContext ctx = new TransportContext(sim, tracer, 32768, 60999, 60 * SimTime.S);
        HostStack s = HostStack.install(server, ctx);
        HostStack.install(router, ctx);
        VirtualProcess sink = new VirtualProcess("sink", "server", "root", 0, new TcpSink(80));
        sink.start(new SimSocketApi(s, "sink", "root"), ProcessObserver.NONE);
        List<VirtualProcess> clients = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            Ipv4Address ip = Ipv4Address.parse("10.1." + (i / 250) + "." + (i % 250 + 1));
            Host c = net.addHost("client" + i, List.of(ip), false);
            net.link(c, router, new LinkConfig(SimTime.MS, 1_000_000_000L, 0, 100_000));
            HostStack cs = HostStack.install(c, ctx);
            VirtualProcess p = new VirtualProcess("bulk" + i, c.name(), "root", SimTime.S,
                    new TcpBulkSend(Endpoint.of("10.0.0.1", 80), bytes));
            clients.add(p);
            sim.schedule(SimTime.S, () -> p.start(new SimSocketApi(cs, p.name(), "root"), ProcessObserver.NONE));
        }
        sim.run();
        long finished = clients.stream().filter(VirtualProcess::finished).count();
        return new long[] {sink.receivedBytes(), finished, sim.executed(), sim.now(), net.stats().sent()};
    }
}
