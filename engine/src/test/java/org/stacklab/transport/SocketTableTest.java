package org.stacklab.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.transport.udp.UdpSocket;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Protocol;

/** {@link HostStack#socketTable()}: one row per socket holding a port, like {@code ss -tuanp}. */
class SocketTableTest {
    private final Bench bench = new Bench();

    @Test
    void rowsInCreationOrderWithStateAddressesProcessAndQueues() {
        UdpSocket dns = UdpSocket.open(bench.stack, "dns", 0);
        UdpSocket.open(bench.stack, "idle", 0); // never bound: no row
        TestSock web = bench.open(Protocol.TCP, "web", "root");
        UdpSocket client = UdpSocket.open(bench.stack, "client", 0);
        assertNull(dns.bind(Endpoint.parse("0.0.0.0:53")));
        assertNull(bench.bind(web, Endpoint.parse("0.0.0.0:80")));
        assertNull(bench.listen(web));
        TestSock conn = bench.accept("conn", web, Endpoint.parse("10.0.0.9:5678"), Endpoint.parse("10.0.0.2:80"));
        TestSock old = bench.accept("old", web, Endpoint.parse("10.0.0.9:5679"), Endpoint.parse("10.0.0.1:80"));
        bench.table(old).enterTimeWait(old);
        assertNull(client.connect(Endpoint.parse("10.0.0.9:7")));
        bench.udp(Endpoint.parse("10.0.0.9:4000"), Endpoint.parse("10.0.0.1:53")); // 1 byte waits in dns's queue
        String clientLocal = client.local().toString();

        assertEquals(List.of(
                new SocketRow(dns.id(), "udp", "UNCONN", "0.0.0.0:53", "*:*", "dns", 1, 0),
                new SocketRow(web.id(), "tcp", "LISTEN", "0.0.0.0:80", "*:*", "web", 0, 0),
                new SocketRow(client.id(), "udp", "ESTAB", clientLocal, "10.0.0.9:7", "client", 0, 0),
                new SocketRow(conn.id(), "tcp", "ESTAB", "10.0.0.2:80", "10.0.0.9:5678", "conn", 0, 0),
                new SocketRow(old.id(), "tcp", "TIME-WAIT", "10.0.0.1:80", "10.0.0.9:5679", "old", 0, 0)),
                bench.stack.socketTable());
        assertEquals("10.0.0.1", client.localIp().toString());
    }

    @Test
    void closedSocketsLeaveTheTable() {
        UdpSocket a = UdpSocket.open(bench.stack, "a", 0);
        UdpSocket b = UdpSocket.open(bench.stack, "b", 0);
        assertNull(a.bind(Endpoint.parse("127.0.0.1:5000")));
        assertNull(b.sendTo(Endpoint.parse("127.0.0.1:5000"), Bytes.of("hi")));
        a.close();
        List<SocketRow> rows = bench.stack.socketTable();
        assertEquals(1, rows.size());
        assertEquals("b", rows.get(0).process());
        assertEquals("UNCONN", rows.get(0).state());
        assertEquals("0.0.0.0", rows.get(0).local().split(":")[0]);
    }

    @Test
    void eachHostHasItsOwnTable() {
        UdpSocket.open(bench.peerStack, "far", 0).bind(Endpoint.parse("10.0.0.9:9"));
        assertEquals(List.of(), bench.stack.socketTable());
        assertEquals(1, bench.peerStack.socketTable().size());
    }
}
