package org.stacklab.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stacklab.net.Host;
import org.stacklab.net.Network;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.Match;
import org.stacklab.transport.PortTable;
import org.stacklab.transport.Sock;
import org.stacklab.transport.TransportContext;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;

/**
 * The demux lookup of one host that holds {@code sockets} TCP connections on port 80 (all from
 * different peers), a TCP listener on 0.0.0.0:80, and one UDP socket on 0.0.0.0:7: the cost of
 * finding the socket must not grow with the number of sockets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PortTableBench {
    @Param({"10", "10000"})
    public int sockets;

    private PortTable tcp;
    private PortTable udp;
    private final Ipv4Address server = Ipv4Address.parse("192.168.0.2");
    private Ipv4Address[] peers;
    private int next;

    /** A TCP socket as the port table sees it; the TCP module's own socket is not needed to look up. */
    static final class TableSock extends Sock {
        TableSock(HostStack stack) {
            super(stack, "bench", 0);
        }

        @Override
        public Protocol protocol() {
            return Protocol.TCP;
        }

        @Override
        public void receive(IpPacket p, TraceEvent.Delivery how) {}

        @Override
        public String stateName() {
            return "ESTAB";
        }

        @Override
        public int recvQueue() {
            return 0;
        }

        @Override
        public int sendQueue() {
            return 0;
        }
    }

    @Setup
    public void build() {
        Simulator sim = new Simulator(1);
        Network net = new Network(sim, Tracer.off());
        Host h = net.addHost("server", List.of(server), false);
        HostStack stack = HostStack.install(h, new TransportContext(sim, Tracer.off(), 32768, 60999, 60_000_000_000L));
        tcp = stack.table(Protocol.TCP);
        udp = stack.table(Protocol.UDP);
        TableSock listener = new TableSock(stack);
        check(tcp.bind(listener, new Endpoint(Ipv4Address.ANY, 80)));
        check(tcp.listen(listener));
        peers = new Ipv4Address[sockets];
        for (int i = 0; i < sockets; i++) {
            peers[i] = new Ipv4Address(0x0A000001 + i);
            TableSock child = new TableSock(stack);
            tcp.addChild(child, listener, new Endpoint(server, 80), new Endpoint(peers[i], 40000));
        }
        UdpSocket u = UdpSocket.open(stack, "bench", 0);
        check(u.bind(new Endpoint(Ipv4Address.ANY, 7)));
    }

    private static void check(Object error) {
        if (error != null) {
            throw new IllegalStateException(String.valueOf(error));
        }
    }

    private Ipv4Address peer() {
        int i = next++;
        if (next == peers.length) {
            next = 0;
        }
        return peers[i];
    }

    @Benchmark
    public Match tcpEstablished() {
        return tcp.lookup(server, 80, peer(), 40000);
    }

    @Benchmark
    public Match tcpListener() {
        return tcp.lookup(server, 80, peer(), 40001);
    }

    @Benchmark
    public Match udpWildcard() {
        return udp.lookup(server, 7, peer(), 40000);
    }
}
