package org.stacklab.transport;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dual-stack rules of docs/port-table.md (M4-M14) as named action lists ({@link Actions}). Each row
 * cites the line of {@code src/test/resources/probes/dual-stack.py} it reproduces; the probe ran in a
 * fresh network namespace on Linux 6.18 (net.ipv6.bindv6only=0, 10.0.0.1 and 10.0.0.2 on lo), and its
 * output is quoted after "measured:". Packets here are IPv4: what a dual-stack socket does with IPv4
 * traffic. IPv6 traffic is tested where the IPv6 layer is.
 */
class DualStackRulesTest {

    private static Arguments row(String name, String actions) {
        return Arguments.of(name, actions);
    }

    static Stream<Arguments> overlap() {
        return Stream.of(
                row("M4 dual [::] then 0.0.0.0 (measured: tcp and udp EADDRINUSE)",
                        "a = tcp6; a.bind [::]:7000; b = tcp; b.bind 0.0.0.0:7000 -> EADDRINUSE;"
                                + " c = udp6; c.bind [::]:7000; d = udp; d.bind 0.0.0.0:7000 -> EADDRINUSE"),
                row("M4 0.0.0.0 then dual [::] (measured: EADDRINUSE)",
                        "a = tcp; a.bind 0.0.0.0:7000; b = tcp6; b.bind [::]:7000 -> EADDRINUSE"),
                row("M4 dual [::] then 10.0.0.1 (measured: EADDRINUSE)",
                        "a = udp6; a.bind [::]:7000; b = udp; b.bind 10.0.0.1:7000 -> EADDRINUSE"),
                row("M4 v6only [::] and 0.0.0.0 coexist, either order (measured: 0, 0)",
                        "a = tcp6; a.v6only on; a.bind [::]:7000; b = tcp; b.bind 0.0.0.0:7000;"
                                + " c = udp; c.bind 0.0.0.0:7001; d = udp6; d.v6only on; d.bind [::]:7001"),
                row("M4 v6only [::] then [::ffff:10.0.0.1] (measured: 0)",
                        "a = tcp6; a.v6only on; a.bind [::]:7000; b = tcp6; b.bind [::ffff:10.0.0.1]:7000"),
                row("M4 v6only [::] then dual [::] (measured: EADDRINUSE)",
                        "a = udp6; a.v6only on; a.bind [::]:7000; b = udp6; b.bind [::]:7000 -> EADDRINUSE"),
                row("M4 [::ffff:10.0.0.1] and 10.0.0.1 are one binding; 10.0.0.2 stays free (measured: EADDRINUSE, 0)",
                        "a = tcp6; a.bind [::ffff:10.0.0.1]:7000; b = tcp; b.bind 10.0.0.1:7000 -> EADDRINUSE;"
                                + " c = tcp6; c.bind [::ffff:10.0.0.2]:7000"),
                row("M4 [::ffff:0.0.0.0] overlaps 0.0.0.0, 10.0.0.1 and dual [::] (measured: EADDRINUSE x3)",
                        "a = udp6; a.bind [::ffff:0.0.0.0]:7000; b = udp; b.bind 0.0.0.0:7000 -> EADDRINUSE;"
                                + " c = udp; c.bind 10.0.0.1:7000 -> EADDRINUSE; d = udp6; d.bind [::]:7000 -> EADDRINUSE"),
                row("M4 [::ffff:0.0.0.0] leaves v6only [::] free (measured: 0)",
                        "a = tcp6; a.bind [::ffff:0.0.0.0]:7000; b = tcp6; b.v6only on; b.bind [::]:7000"),
                row("M4 [::1] and 127.0.0.1 are different addresses (measured: 0)",
                        "a = tcp6; a.bind [::1]:7000; b = tcp; b.bind 127.0.0.1:7000"),
                row("M4 an AF_INET6 socket takes a plain IPv4 address as v4-mapped (SCENARIO-FORMAT)",
                        "a = tcp6; a.bind 10.0.0.1:7000; a.local [::ffff:10.0.0.1]:7000; b = tcp; b.bind 10.0.0.1:7000 -> EADDRINUSE"));
    }

    static Stream<Arguments> reuse() {
        return Stream.of(
                row("M5 RA on both, dual [::] then 0.0.0.0 bind (measured: tcp 0, udp 0)",
                        "a = tcp6; a.ra; a.bind [::]:7000; b = tcp; b.ra; b.bind 0.0.0.0:7000;"
                                + " c = udp6; c.ra; c.bind [::]:7001; d = udp; d.ra; d.bind 0.0.0.0:7001"),
                row("M5 C3 across families: both bound with RA, the second listen fails (measured: 0, EADDRINUSE)",
                        "a = tcp6; a.ra; a.bind [::]:7001; b = tcp; b.ra; b.bind 0.0.0.0:7001; a.listen; b.listen -> EADDRINUSE"),
                row("M5 C1 across families: a listening AF_INET owner blocks an RA dual newcomer",
                        "a = tcp; a.ra; a.bind 0.0.0.0:7001; a.listen; b = tcp6; b.ra; b.bind [::]:7001 -> EADDRINUSE"),
                row("M5 D2: RP on both lets [::] and 0.0.0.0 listen on one port (measured: 0)",
                        "a = tcp6; a.rp; a.bind [::]:7000; a.listen; b = tcp; b.rp; b.bind 0.0.0.0:7000; b.listen"),
                row("M5 a dual and a V6ONLY [::] with RP form two groups: IPv4 never goes to the V6ONLY one (measured: all 8 IPv4 clients reach the dual one; found by DualStackProperties;"
                        + " source: inet_reuseport_add_sock compares ipv6_only_sock)",
                        "a = tcp6; a.rp; a.bind [::]:7002; a.listen; b = tcp6; b.rp; b.v6only on; b.bind [::]:7002; b.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:7002 -> a wildcard-listener; tcp 10.0.0.9:4001 > 10.0.0.1:7002 -> a wildcard-listener;"
                                + " tcp 10.0.0.9:4002 > 10.0.0.1:7002 -> a wildcard-listener; tcp 10.0.0.9:4003 > 10.0.0.1:7002 -> a wildcard-listener"),
                row("M5 C5: RA on one side only is a conflict",
                        "a = udp6; a.ra; a.bind [::]:7000; b = udp; b.bind 0.0.0.0:7000 -> EADDRINUSE"));
    }

    static Stream<Arguments> v6only() {
        return Stream.of(
                row("M6 default off; frozen once bound (measured: default 0; EINVAL, still 0)",
                        "a = tcp6; a.isv6only off; a.bind [::]:7002; a.v6only on -> EINVAL; a.isv6only off"),
                row("M6 set and reset freely before bind",
                        "a = udp6; a.v6only on; a.v6only off; a.bind [::]:7000; b = udp; b.bind 0.0.0.0:7000 -> EADDRINUSE"),
                row("M6 frozen after a UDP autobind by connect", "a = udp6; a.connect 10.0.0.9:53; a.v6only on -> EINVAL"),
                row("M6 no IPV6_V6ONLY on an AF_INET socket (measured: ENOPROTOOPT)", "a = tcp; a.v6only on -> ENOPROTOOPT"),
                row("M7 v6only + v4-mapped bind: EINVAL, [::ffff:0.0.0.0] too (measured: tcp, udp EINVAL)",
                        "a = tcp6; a.v6only on; a.bind [::ffff:10.0.0.1]:7004 -> EINVAL;"
                                + " b = udp6; b.v6only on; b.bind [::ffff:0.0.0.0]:7004 -> EINVAL"),
                row("M7 v6only TCP connect to v4-mapped: ENETUNREACH, not bound (measured: ENETUNREACH, [::]:0)",
                        "a = tcp6; a.v6only on; a.connect [::ffff:10.0.0.9]:7005 -> ENETUNREACH; a.local [::]:0"),
                row("M13 an AF_INET socket handed an IPv6 address: EAFNOSUPPORT",
                        "a = tcp; a.bind [::]:7006 -> EAFNOSUPPORT; b = udp; b.connect [::1]:53 -> EAFNOSUPPORT"),
                row("M13 an IPv6 address the host lacks: EADDRNOTAVAIL (measured: EADDRNOTAVAIL)",
                        "a = tcp6; a.bind [2001:db8::9]:7006 -> EADDRNOTAVAIL"),
                row("M13 bound to v4-mapped, connecting IPv6: EAFNOSUPPORT (measured: EAFNOSUPPORT)",
                        "a = tcp6; a.bind [::ffff:10.0.0.1]:7007; a.connect [::1]:8000 -> EAFNOSUPPORT"));
    }

    static Stream<Arguments> demux() {
        return Stream.of(
                row("M8 a dual [::] listener takes IPv4, its child shows v4-mapped (measured: peer ::ffff:10.0.0.1)",
                        "l = tcp6; l.bind [::]:8000; l.listen; tcp 10.0.0.9:4000 > 10.0.0.1:8000 -> l wildcard-listener;"
                                + " c = accept l from 10.0.0.9:4001 to 10.0.0.1:8000; c.local [::ffff:10.0.0.1]:8000"),
                row("M8 a v6only [::] listener does not: RST (measured: ECONNREFUSED)",
                        "l = tcp6; l.v6only on; l.bind [::]:8001; l.listen; tcp 10.0.0.9:4000 > 10.0.0.1:8001 -> RST"),
                row("M8 RP 0.0.0.0 + dual [::]: IPv4 to the AF_INET one, either order (measured: 0.0.0.0 both runs)",
                        "a = tcp; a.rp; a.bind 0.0.0.0:8002; a.listen; b = tcp6; b.rp; b.bind [::]:8002; b.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8002 -> a wildcard-listener;"
                                + " tcp 10.0.0.9:4001 > 10.0.0.2:8002 -> a wildcard-listener;"
                                + " c = tcp6; c.rp; c.bind [::]:8003; c.listen; d = tcp; d.rp; d.bind 0.0.0.0:8003; d.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8003 -> d wildcard-listener"),
                row("M8 10.0.0.1 AF_INET over [::] (measured: 10.0.0.1)",
                        "a = tcp6; a.rp; a.bind [::]:8003; a.listen; b = tcp; b.rp; b.bind 10.0.0.1:8003; b.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8003 -> b specific-listener"),
                row("M8 [::ffff:10.0.0.1] AF_INET6 over 0.0.0.0 AF_INET (measured: [::ffff:10.0.0.1])",
                        "a = tcp6; a.rp; a.bind [::ffff:10.0.0.1]:8004; a.listen; b = tcp; b.rp; b.bind 0.0.0.0:8004; b.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8004 -> a specific-listener;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.2:8004 -> b wildcard-listener"),
                row("M9 RA 0.0.0.0 + dual [::]: every IPv4 datagram to AF_INET, either order (measured: 0.0.0.0)",
                        "a = udp6; a.ra; a.bind [::]:9000; b = udp; b.ra; b.bind 0.0.0.0:9000;"
                                + " udp 10.0.0.9:4000 > 10.0.0.1:9000 -> b wildcard-bound;"
                                + " c = udp; c.ra; c.bind 0.0.0.0:9001; d = udp6; d.ra; d.bind [::]:9001;"
                                + " udp 10.0.0.9:4000 > 10.0.0.1:9001 -> c wildcard-bound"),
                row("M9 a v6only [::] gets no IPv4: ICMP port unreachable (measured: none)",
                        "a = udp6; a.v6only on; a.bind [::]:9001; udp 10.0.0.9:4000 > 10.0.0.1:9001 -> ICMP"),
                row("M9 a dual [::] alone gets IPv4", "a = udp6; a.bind [::]:9002; udp 10.0.0.9:4000 > 10.0.0.1:9002 -> a wildcard-bound"),
                row("M9 a connected AF_INET6 [::ffff:10.0.0.1] beats an unconnected AF_INET 10.0.0.1 for its peer",
                        "a = udp; a.ra; a.bind 10.0.0.1:9003; b = udp6; b.ra; b.bind [::ffff:10.0.0.1]:9003; b.connect 10.0.0.9:4000;"
                                + " udp 10.0.0.9:4000 > 10.0.0.1:9003 -> b connected; udp 10.0.0.9:4001 > 10.0.0.1:9003 -> a specific-bound"),
                row("M10 a dual [::] UDP socket connecting to IPv4 takes a v4-mapped local address",
                        "a = udp6; a.bind [::]:9004; a.connect [::ffff:10.0.0.9]:53; a.local [::ffff:10.0.0.1]:9004"));
    }

    /** IPv6 packets (the IPv6 layer): h has 2001:db8::1, the peer 2001:db8::9. */
    static Stream<Arguments> ipv6() {
        return Stream.of(
                row("M8 a dual [::] listener takes IPv6; an AF_INET 0.0.0.0 beside it never does (measured: [::] for IPv6)",
                        "a = tcp; a.rp; a.bind 0.0.0.0:8002; a.listen; b = tcp6; b.rp; b.bind [::]:8002; b.listen;"
                                + " tcp [2001:db8::9]:4000 > [2001:db8::1]:8002 -> b wildcard-listener"),
                row("M8 a specific IPv6 listener before [::], whatever the order",
                        "a = tcp6; a.rp; a.bind [2001:db8::1]:8005; a.listen; b = tcp6; b.rp; b.bind [::]:8005; b.listen;"
                                + " tcp [2001:db8::9]:4000 > [2001:db8::1]:8005 -> a specific-listener"),
                row("M8 a [::ffff:0.0.0.0] listener never gets IPv6: RST (measured for [::ffff:10.0.0.1]: ECONNREFUSED)",
                        "a = tcp6; a.bind [::ffff:0.0.0.0]:8004; a.listen; tcp [2001:db8::9]:4000 > [2001:db8::1]:8004 -> RST"),
                row("M9 IPv6 datagrams go to [::], IPv4 ones to 0.0.0.0 (measured: [::] from 2001:db8::1)",
                        "a = udp6; a.ra; a.bind [::]:9000; b = udp; b.ra; b.bind 0.0.0.0:9000;"
                                + " udp [2001:db8::9]:4000 > [2001:db8::1]:9000 -> a wildcard-bound;"
                                + " udp 10.0.0.9:4000 > 10.0.0.1:9000 -> b wildcard-bound"),
                row("M9 an IPv6 datagram to a port only AF_INET holds: ICMPv6 port unreachable",
                        "a = udp; a.bind 0.0.0.0:9005; udp [2001:db8::9]:4000 > [2001:db8::1]:9005 -> ICMP"),
                row("M6 a specific IPv6 bind turns V6ONLY on, so 0.0.0.0 stays free (measured: getsockopt 1)",
                        "a = tcp6; a.bind [2001:db8::1]:7003; a.isv6only on; b = tcp; b.bind 0.0.0.0:7003"),
                row("M13 bound to [2001:db8::1], a v4-mapped peer: ENETUNREACH",
                        "a = udp6; a.bind [2001:db8::1]:7008; a.connect [::ffff:10.0.0.9]:53 -> ENETUNREACH"),
                row("M10 a dual [::] UDP socket connecting to IPv6 keeps an IPv6 local address",
                        "a = udp6; a.bind [::]:9006; a.connect [2001:db8::9]:53; a.local [2001:db8::1]:9006;"
                                + " udp [2001:db8::9]:53 > [2001:db8::1]:9006 -> a connected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ipv6(String name, String actions) {
        Actions.run(actions);
    }

    static Stream<Arguments> ephemeral() {
        return Stream.of(
                row("M11 with AF_INET 0.0.0.0 holding the range, dual [::]:0 and [::ffff:10.0.0.1]:0 fail"
                        + " (measured: tcp, udp EADDRINUSE)",
                        "range 40000 40001; a = tcp; a.bind 0.0.0.0:0; b = tcp; b.bind 0.0.0.0:0;"
                                + " c = tcp6; c.bind [::]:0 -> EADDRINUSE; d = tcp6; d.bind [::ffff:10.0.0.1]:0 -> EADDRINUSE;"
                                + " e = udp; e.bind 0.0.0.0:0; f = udp; f.bind 0.0.0.0:0; g = udp6; g.bind [::]:0 -> EADDRINUSE"),
                row("M11 ... while a v6only [::]:0 gets a port an AF_INET socket holds (measured: tcp 40001, udp 40000)",
                        "range 40000 40001; a = tcp; a.bind 0.0.0.0:0; b = tcp; b.bind 0.0.0.0:0;"
                                + " c = tcp6; c.v6only on; c.bind [::]:0; c.port 40000..40001;"
                                + " e = udp; e.bind 0.0.0.0:0; f = udp; f.bind 0.0.0.0:0; g = udp6; g.v6only on; g.bind [::]:0; g.port 40000..40001"),
                row("M11 UDP autobind of a dual socket fails with EAGAIN, a V6ONLY one gets a port (measured: EAGAIN; a port)",
                        "range 40000 40001; a = udp; a.bind 0.0.0.0:0; b = udp; b.bind 0.0.0.0:0;"
                                + " c = udp6; c.connect [::ffff:10.0.0.9]:53 -> EAGAIN; d = udp6; d.v6only on; d.connect [2001:db8::9]:53;"
                                + " d.port 40000..40001"),
                row("M11 TCP connect skips ports bound by either family: both bound by AF_INET, an IPv6 connect gets EADDRNOTAVAIL"
                        + " (measured: EADDRNOTAVAIL)",
                        "range 40000 40001; a = tcp; a.bind 0.0.0.0:0; b = tcp; b.bind 0.0.0.0:0;"
                                + " c = tcp6; c.connect [2001:db8::9]:80 -> EADDRNOTAVAIL; a.close; d = tcp6; d.connect [2001:db8::9]:80;"
                                + " d.port 40000..40001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void overlap(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reuse(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void v6only(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void demux(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ephemeral(String name, String actions) {
        Actions.run(actions);
    }
}
