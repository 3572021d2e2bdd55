package org.stacklab.trace.format.html;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.TraceEvent.Candidate;
import org.stacklab.trace.TraceEvent.Delivery;
import org.stacklab.trace.TraceEvent.PacketAction;
import org.stacklab.trace.TraceEvent.PacketEvent;
import org.stacklab.trace.TraceEvent.SocketRow;
import org.stacklab.wire.Bytes;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;
import org.stacklab.wire.TcpFlags;
import org.stacklab.wire.TcpSegment;
import org.stacklab.wire.UdpDatagram;

/**
 * The events of the contract's web example, written by hand as the engine would emit them: a
 * laptop behind router r1 opens a TCP connection to web:80 (handshake, request, response), a
 * squatter fails to bind port 80, a datagram to a closed port is refused with ICMP, and the
 * socket tables show LISTEN and ESTABLISHED on port 80.
 */
final class WebExchange {
    static final Ipv4Address LAPTOP = Ipv4Address.parse("10.0.0.2");
    static final Ipv4Address R1 = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address WEB = Ipv4Address.parse("192.168.1.5");
    static final long MS = 1_000_000L;
    static final long ISN_LAPTOP = 1_000_000L;
    static final long ISN_WEB = 2_000_000L;
    static final String REQUEST = "GET / HTTP/1.0\r\n\r\n";
    static final String RESPONSE = "HTTP/1.0 200 OK\r\n\r\nhello";

    private WebExchange() {}

    static ReportInfo info(String description) {
        return new ReportInfo("socket-vs-port", "scenarios/socket-vs-port.yaml", description, 7,
                List.of(new ReportInfo.Host("web", List.of(WEB), false, null),
                        new ReportInfo.Host("laptop", List.of(LAPTOP), false, null),
                        new ReportInfo.Host("r1", List.of(R1), true, null)),
                List.of(new ReportInfo.Link("laptop", "r1", MS, 1_000_000_000L, 0, 1000),
                        new ReportInfo.Link("r1", "web", 5 * MS, 100_000_000L, 0.01, 1000)));
    }

    static List<TraceEvent> events() {
        List<TraceEvent> ev = new ArrayList<>();
        ev.add(new TraceEvent.BindEvent(0, "web", 1, "httpd", Protocol.TCP, Endpoint.of("0.0.0.0", 80), false));
        ev.add(new TraceEvent.StateEvent(0, "web", 1, "httpd", "CLOSED", "LISTEN"));
        ev.add(new TraceEvent.CallEvent(5 * MS, "web", "squatter", "bind", 46, "bind(s, 0.0.0.0:80)", "EADDRINUSE", true,
                "EADDRINUSE"));
        ev.add(new TraceEvent.NoteEvent(10 * MS, "laptop", "browser", "the browser connects"));
        ev.add(new TraceEvent.StateEvent(10 * MS, "laptop", 2, "browser", "CLOSED", "SYN-SENT"));
        toWeb(ev, 10 * MS, tcp(true, TcpFlags.SYN, ISN_LAPTOP, 0, ""), new Delivery(1, "httpd", "wildcard-listener", "0.0.0.0:80",
                List.of(), "listener on 0.0.0.0:80"));
        ev.add(new TraceEvent.StateEvent(16 * MS, "web", 3, "httpd", "LISTEN", "SYN-RECEIVED"));
        toLaptop(ev, 16 * MS, tcp(false, TcpFlags.SYN | TcpFlags.ACK, ISN_WEB, ISN_LAPTOP + 1, ""), delivery(2, "browser"));
        ev.add(new TraceEvent.StateEvent(22 * MS, "laptop", 2, "browser", "SYN-SENT", "ESTABLISHED"));
        toWeb(ev, 22 * MS, tcp(true, TcpFlags.ACK, ISN_LAPTOP + 1, ISN_WEB + 1, ""), delivery(3, "httpd"));
        ev.add(new TraceEvent.StateEvent(28 * MS, "web", 3, "httpd", "SYN-RECEIVED", "ESTABLISHED"));
        toWeb(ev, 22 * MS, tcp(true, TcpFlags.PSH | TcpFlags.ACK, ISN_LAPTOP + 1, ISN_WEB + 1, REQUEST), delivery(3, "httpd"));
        toLaptop(ev, 28 * MS, tcp(false, TcpFlags.PSH | TcpFlags.ACK, ISN_WEB + 1, ISN_LAPTOP + 1 + REQUEST.length(),
                RESPONSE), delivery(2, "browser"));
        ev.add(new TraceEvent.CwndEvent(28 * MS, "web", 3, 14600, 65535, "slow start"));
        ev.add(new TraceEvent.CwndEvent(34 * MS, "web", 3, 29200, 65535, "slow start"));
        ev.add(new TraceEvent.SnapshotEvent(40 * MS, "web", List.of(
                new SocketRow(1, "tcp", "LISTEN", "0.0.0.0:80", "0.0.0.0:*", "httpd", 0, 16),
                new SocketRow(3, "tcp", "ESTABLISHED", "192.168.1.5:80", "10.0.0.2:5678", "httpd", 0, 0))));
        ev.add(new TraceEvent.SnapshotEvent(40 * MS, "laptop", List.of(
                new SocketRow(2, "tcp", "ESTABLISHED", "10.0.0.2:5678", "192.168.1.5:80", "browser", 0, 0))));
        IpPacket refused = new IpPacket(LAPTOP, WEB, 64, 9, new UdpDatagram(40001, 9, Bytes.of("anyone?")));
        IpPacket arrived = toWeb(ev, 50 * MS, refused, null);
        ev.add(new PacketEvent(56 * MS, "web", PacketAction.DROP, arrived, false, null, "port-unreachable",
                "no socket on 192.168.1.5:9"));
        toLaptop(ev, 56 * MS, new IpPacket(WEB, LAPTOP, 64, 10, IcmpMessage.portUnreachable(refused)),
                new Delivery(4, "prober", "icmp-error", "10.0.0.2:40001", List.of(), "ICMP udp port 9 unreachable for socket 4"));
        ev.add(new TraceEvent.ProcessEvent(60 * MS, "web", "user", "fail", "bind (line 50): unexpected EACCES"));
        ev.add(new TraceEvent.ExpectationEvent(100 * MS, "", "browser received \"200 OK\"", true, null, 60));
        ev.add(new TraceEvent.ExpectationEvent(100 * MS, "", "drops = 0", false, "counted 1", 62));
        return ev;
    }

    static IpPacket tcp(boolean fromLaptop, int flags, long seq, long ack, String data) {
        TcpSegment s = new TcpSegment(fromLaptop ? 5678 : 80, fromLaptop ? 80 : 5678, seq, ack, flags, 65535,
                (flags & TcpFlags.SYN) != 0 ? 1460 : 0, Bytes.of(data));
        return new IpPacket(fromLaptop ? LAPTOP : WEB, fromLaptop ? WEB : LAPTOP, 64, 1, s);
    }

    static Delivery delivery(int socket, String process) {
        return new Delivery(socket, process, "established", "", List.of(new Candidate(1, "httpd", "0.0.0.0:80",
                "a listener; an established connection is more specific")), "matched the 4-tuple of socket " + socket);
    }

    /**
     * laptop → r1 → web; a null delivery leaves the packet at web for the caller to end. Returns
     * the copy that arrived (r1 forwards a new instance).
     */
    static IpPacket toWeb(List<TraceEvent> ev, long t, IpPacket p, Delivery d) {
        return path(ev, t, p, "laptop", "web", d);
    }

    static IpPacket toLaptop(List<TraceEvent> ev, long t, IpPacket p, Delivery d) {
        return path(ev, t, p, "web", "laptop", d);
    }

    private static IpPacket path(List<TraceEvent> ev, long t, IpPacket p, String from, String to, Delivery d) {
        boolean fromLaptop = from.equals("laptop");
        long first = fromLaptop ? MS : 5 * MS;
        ev.add(new PacketEvent(t, from, PacketAction.TX, p, false, null, null, null));
        ev.add(new PacketEvent(t + first, "r1", PacketAction.RX, p, false, null, null, null));
        IpPacket next = p.withTtl(p.ttl() - 1);
        ev.add(new PacketEvent(t + first, "r1", PacketAction.FORWARD, next, false, null, null, null));
        long end = t + 6 * MS;
        ev.add(new PacketEvent(end, to, PacketAction.RX, next, false, null, null, null));
        if (d != null) {
            ev.add(new PacketEvent(end, to, PacketAction.DELIVER, next, false, d, null, null));
        }
        return next;
    }
}
