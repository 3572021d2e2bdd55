package org.stacklab.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.stacklab.net.LinkConfig;
import org.stacklab.sim.SimTime;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * StackLab's side of docs/tcp.md "Congestion control": one 10 MB transfer over 10 Mbps, RTT 20
 * and 100 ms, 0.1-2 % packet loss each way, a 100-packet queue, SACK on, seeds 1-5; goodput =
 * bytes * 8 / (last byte read - connect). Not a check: it prints the medians for the table.
 * {@code mvn -B -o -q test -pl engine -Dtest=Ns3GoodputComparison -Dstacklab.ns3=true}
 */
@EnabledIfSystemProperty(named = "stacklab.ns3", matches = "true")
class Ns3GoodputComparison {
    static final int BYTES = 10_000_000;

    @Test
    void printTheTable() {
        StringBuilder out = new StringBuilder();
        for (int rtt : new int[] {20, 100}) {
            for (double loss : new double[] {0.001, 0.005, 0.01, 0.02}) {
                out.append(String.format(Locale.ROOT, "rtt=%d loss=%.3f", rtt, loss));
                for (String cc : List.of("cubic", "cubic-ns3", "newreno")) {
                    List<Double> g = new ArrayList<>();
                    for (long seed = 1; seed <= 5; seed++) {
                        g.add(goodput(seed, rtt, loss, cc));
                    }
                    g.sort(null);
                    out.append(String.format(Locale.ROOT, " %s=%.2f", cc, g.get(2) / 1e6));
                }
                out.append('\n');
            }
        }
        System.out.print(out);
    }

    static double goodput(long seed, int rttMs, double loss, String cc) {
        TwoHosts n = new TwoHosts(seed, new LinkConfig(rttMs * SimTime.MS / 2, 10_000_000L, loss, 100), false);
        TcpSocket l = n.serverSocket();
        TwoHosts.check(l.bind(new Endpoint(Ipv4Address.ANY, 80)));
        TwoHosts.check(l.listen(8));
        long[] done = {-1};
        long[] got = {0};
        l.accept(-1, (e, child) -> read(n, child, got, done));
        TcpSocket c = n.clientSocket();
        long start = n.sim.now();
        c.connect(new Endpoint(TwoHosts.SERVER_IP, 80), -1, (e, v) -> c.send(Bytes.generated(BYTES), (e2, k) -> c.close()));
        c.snd.congestion = cc; // before the SYN-ACK arrives; cubic-ns3 is no TcpConfig value
        n.sim.runUntil(3600 * SimTime.S);
        return got[0] == BYTES ? BYTES * 8.0 / ((done[0] - start) / 1e9) : 0;
    }

    private static void read(TwoHosts n, TcpSocket s, long[] got, long[] done) {
        s.recv(65536, -1, (e, d) -> {
            if (e != null || d.isEmpty()) {
                s.close();
                return;
            }
            got[0] += d.length();
            if (got[0] == BYTES) {
                done[0] = n.sim.now();
            }
            read(n, s, got, done);
        });
    }
}
