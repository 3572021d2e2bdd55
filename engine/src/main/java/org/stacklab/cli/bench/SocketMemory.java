package org.stacklab.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.Host;
import org.stacklab.net.Network;
import org.stacklab.process.Call;
import org.stacklab.process.Outcome;
import org.stacklab.process.SimSocketApi;
import org.stacklab.process.Step;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;
import org.stacklab.transport.TransportContext;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * What an idle socket costs: heap in use (after full collections) before and after opening
 * {@code count} UDP sockets through a process's socket API and binding each to a port, spread
 * over hosts of 50,000 sockets each. The difference per socket counts everything a socket
 * brings: the socket object, its queues, its entries in the host's port table and socket list,
 * and its descriptor.
 */
final class SocketMemory {
    private SocketMemory() {}

    record Result(int sockets, long bytesPerSocket, long heapBefore, long heapAfter) {}

    static Result udp(int count) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        Simulator sim = new Simulator(1);
        Network net = new Network(sim, Tracer.off());
        TransportContext ctx = new TransportContext(sim, Tracer.off(), 32768, 60999, 60_000_000_000L);
        int perHost = 50_000;
        List<SimSocketApi> apis = new ArrayList<>();
        for (int h = 0; h * perHost < count; h++) {
            Host host = net.addHost("h" + h, List.of(new Ipv4Address(0x0A000001 + h)), false);
            apis.add(new SimSocketApi(HostStack.install(host, ctx), "p" + h, "root"));
        }
        long before = usedAfterGc(mem);
        Outcome[] last = new Outcome[1];
        for (int i = 0; i < count; i++) {
            SimSocketApi api = apis.get(i / perHost);
            api.submit(new Call.Open(Step.SockType.DGRAM), o -> last[0] = o);
            int fd = last[0].fd();
            api.submit(new Call.Bind(fd, new Endpoint(Ipv4Address.ANY, 2000 + i % perHost)), o -> last[0] = o);
            if (!last[0].ok()) {
                throw new IllegalStateException("bind failed: " + last[0].error());
            }
        }
        long after = usedAfterGc(mem);
        if (apis.isEmpty() || net.hosts().isEmpty()) {
            throw new IllegalStateException("nothing measured");
        }
        return new Result(count, (after - before) / count, before, after);
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
