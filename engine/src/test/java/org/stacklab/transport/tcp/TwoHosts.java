package org.stacklab.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.net.Network;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.SocketError;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/** A client and a server host joined by one link, each with a transport stack: the end-to-end fixture. */
final class TwoHosts {
    static final Ipv4Address SERVER_IP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address CLIENT_IP = Ipv4Address.parse("10.0.0.2");
    static final long TIME_WAIT = 60 * SimTime.S;

    final Simulator sim;
    final Tracer tracer = new Tracer();
    final List<TraceEvent> events = new ArrayList<>();
    final Network net;
    final Host server;
    final Host client;
    final HostStack serverStack;
    final HostStack clientStack;

    TwoHosts(long seed, double loss, boolean trace) {
        this(seed, new LinkConfig(SimTime.MS, 100_000_000L, loss, 1000), trace);
    }

    TwoHosts(long seed, LinkConfig link, boolean trace) {
        sim = new Simulator(seed);
        if (trace) {
            tracer.add(events::add);
        }
        net = new Network(sim, tracer);
        server = net.addHost("server", List.of(SERVER_IP), false);
        client = net.addHost("client", List.of(CLIENT_IP), false);
        net.link(server, client, link);
        TransportContext ctx = new TransportContext(sim, tracer, 32768, 60999, TIME_WAIT);
        serverStack = HostStack.install(server, ctx);
        clientStack = HostStack.install(client, ctx);
    }

    TcpSocket serverSocket() {
        return TcpSocket.open(serverStack, "server", 0);
    }

    TcpSocket clientSocket() {
        return TcpSocket.open(clientStack, "client", 0);
    }

    /** A socket listening on 0.0.0.0:{@code port} with {@code backlog}. */
    TcpSocket listen(int port, int backlog) {
        TcpSocket s = serverSocket();
        check(s.bind(new Endpoint(Ipv4Address.ANY, port)));
        check(s.listen(backlog));
        return s;
    }

    static void check(SocketError e) {
        if (e != null) {
            throw new AssertionError("unexpected " + e);
        }
    }

    void runFor(long ns) {
        sim.runUntil(sim.now() + ns);
    }

    /** Records what a call completed with. */
    static final class Result<T> {
        boolean done;
        SocketError error;
        T value;
        long at = -1;

        org.stacklab.transport.Completion<T> completion(Simulator sim) {
            return (e, v) -> {
                done = true;
                error = e;
                value = v;
                at = sim.now();
            };
        }
    }

    <T> Result<T> result() {
        return new Result<>();
    }

    /** Reads {@code s} to end of stream, collecting everything, then calls {@code then}. */
    void drain(TcpSocket s, java.io.ByteArrayOutputStream into, Runnable then) {
        s.recv(65536, -1, (e, d) -> {
            if (e != null || d.isEmpty()) {
                then.run();
                return;
            }
            into.writeBytes(d.toArray());
            drain(s, into, then);
        });
    }

    static Bytes data(int n) {
        return Bytes.generated(n);
    }
}
