package org.stacklab.transport;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of docs/port-table.md, sections A to K, as named action lists (see {@link Actions} for the
 * notation). Each row names the rule and the measured case ids it reproduces; rows marked
 * "source" rest on the kernel source cited in docs/port-table.md, not on a measurement.
 *
 * <p>Not applicable here: G (accept queue, a TCP socket matter), L1 (the TIME-WAIT timer, TCP),
 * M (dual stack: IPv4 only), N (Java), O (BSD). Socket-level parts of K3 (whether the error is
 * reported) are in IcmpErrorTest.
 */
class PortRulesTest {

    private static Arguments row(String name, String actions) {
        return Arguments.of(name, actions);
    }

    static Stream<Arguments> tableModel() {
        return Stream.of(
                row("[XP01] A1 TCP and UDP have separate port spaces: both bind 0.0.0.0:5000",
                        "t = tcp; t.bind 0.0.0.0:5000; u = udp; u.bind 0.0.0.0:5000"),
                row("[XP02, XP03] A1 UDP first, then TCP, on the same address and port",
                        "u = udp; u.bind 10.0.0.1:5000; t = tcp; t.bind 10.0.0.1:5000; t.listen"),
                row("[XP05] A1 a TCP segment never reaches a UDP socket: RST",
                        "u = udp; u.bind 0.0.0.0:5000; tcp 10.0.0.9:4000 > 10.0.0.1:5000 -> RST"),
                row("[XP04] A1 a UDP datagram never reaches a TCP listener: ICMP port unreachable",
                        "t = tcp; t.bind 0.0.0.0:5000; t.listen; udp 10.0.0.9:4000 > 10.0.0.1:5000 -> ICMP"),
                row("[TL10] A3 an accepted child holds the port on the SYN's destination address",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.2:8080;"
                                + " c.local 10.0.0.2:8080; c.state CONNECTED; l.close;"
                                + " n = tcp; n.bind 10.0.0.2:8080 -> EADDRINUSE; m = tcp; m.bind 10.0.0.1:8080"),
                row("[TL11] A3 a child inherits the listener's SO_REUSEADDR",
                        "l = tcp; l.ra; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " l.close; n = tcp; n.ra; n.bind 0.0.0.0:8080; n.listen"),
                row("A3 a child inherits the listener's user and SO_REUSEPORT (source: sk_clone_lock)",
                        "l = tcp as alice; l.rp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " c.user alice; l.close; b = tcp as bob; b.rp; b.bind 0.0.0.0:8080 -> EADDRINUSE;"
                                + " a = tcp as alice; a.rp; a.bind 0.0.0.0:8080"));
    }

    static Stream<Arguments> bind() {
        return Stream.of(
                row("[C05] B1 a second bind fails with EINVAL (TCP)",
                        "a = tcp; a.bind 10.0.0.1:5000; a.bind 10.0.0.1:5001 -> EINVAL"),
                row("[C05] B1 a second bind fails with EINVAL (UDP), even to the same address",
                        "a = udp; a.bind 0.0.0.0:5000; a.bind 0.0.0.0:5000 -> EINVAL"),
                row("B1 a socket autobound by connect() cannot bind",
                        "a = udp; a.connect 10.0.0.9:53; a.bind 0.0.0.0:5000 -> EINVAL"),
                row("[C07] G1 listen() on a listener only adjusts the backlog",
                        "a = tcp; a.bind 0.0.0.0:5000; a.listen; a.listen; a.state LISTEN"),
                row("B1 a socket autobound by listen() cannot bind",
                        "a = tcp; a.listen; a.bind 0.0.0.0:5000 -> EINVAL"),
                row("B2 address before privilege: a foreign privileged address gives EADDRNOTAVAIL",
                        "a = tcp as alice; a.bind 10.0.0.9:80 -> EADDRNOTAVAIL"),
                row("B2 address before 'bound once': EADDRNOTAVAIL",
                        "a = tcp; a.bind 0.0.0.0:5000; a.bind 10.0.0.9:5001 -> EADDRNOTAVAIL"),
                row("B2 privilege before 'bound once': EACCES",
                        "a = tcp as alice; a.bind 0.0.0.0:5000; a.bind 0.0.0.0:80 -> EACCES"),
                row("B2 privilege before conflicts: EACCES",
                        "r = tcp; r.bind 0.0.0.0:80; a = tcp as alice; a.bind 0.0.0.0:80 -> EACCES"),
                row("B2 'bound once' before conflicts: EINVAL",
                        "r = tcp; r.bind 0.0.0.0:5000; a = tcp; a.bind 10.0.0.1:6000; a.bind 10.0.0.1:5000 -> EINVAL"),
                row("[TB05] B3 different specific addresses never overlap (TCP, both listen)",
                        "a = tcp; a.bind 127.0.0.2:5000; b = tcp; b.bind 127.0.0.3:5000; a.listen; b.listen"),
                row("[UB04] B3 different specific addresses never overlap (UDP)",
                        "a = udp; a.bind 127.0.0.2:5000; b = udp; b.bind 127.0.0.3:5000"),
                row("[TB01-TB04] B4 the same specific address",
                        "a = tcp; a.bind 127.0.0.1:5000; b = tcp; b.bind 127.0.0.1:5000 -> EADDRINUSE"),
                row("[TB01-TB04] B4 a wildcard owner blocks a specific address",
                        "a = tcp; a.bind 0.0.0.0:5000; b = tcp; b.bind 127.0.0.1:5000 -> EADDRINUSE"),
                row("[TB01-TB04] B4 a specific owner blocks the wildcard",
                        "a = tcp; a.bind 127.0.0.1:5000; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB01-TB04] B4 two wildcards",
                        "a = tcp; a.bind 0.0.0.0:5000; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB19, TB20] B4 a listening owner",
                        "a = tcp; a.bind 10.0.0.1:5000; a.listen; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[CT03, CT06] B4 a connected owner",
                        "a = tcp; a.bind 10.0.0.1:5000; a.connect 10.0.0.9:80; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TL10] B4 an accepted child",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080; l.close;"
                                + " b = tcp; b.bind 10.0.0.1:8080 -> EADDRINUSE"),
                row("[TW04] B4 a TIME-WAIT owner",
                        "a = tcp; a.bind 10.0.0.1:5000; a.connect 10.0.0.9:80; a.timewait; b = tcp; b.bind 10.0.0.1:5000 -> EADDRINUSE"),
                row("[UB01-UB03] B4 UDP: same address, wildcard owner, specific owner",
                        "a = udp; a.bind 127.0.0.1:5000; b = udp; b.bind 127.0.0.1:5000 -> EADDRINUSE;"
                                + " c = udp; c.bind 0.0.0.0:5000 -> EADDRINUSE; d = udp; d.bind 0.0.0.0:6000;"
                                + " e = udp; e.bind 127.0.0.1:6000 -> EADDRINUSE"),
                row("[CT09, CT08] B5 TCP connect() re-keys a wildcard binding to its source",
                        "a = tcp; a.bind 0.0.0.0:7000; b = tcp; b.bind 127.0.0.3:7000 -> EADDRINUSE;"
                                + " a.connect 127.0.0.1:9000; a.local 127.0.0.1:7000; c = tcp; c.bind 127.0.0.3:7000"),
                row("[UD07, EP06] B5 UDP connect() re-keys a wildcard binding to its source",
                        "a = udp; a.bind 0.0.0.0:7000; a.connect 127.0.0.2:53; a.local 127.0.0.1:7000;"
                                + " b = udp; b.bind 127.0.0.3:7000"),
                row("B5 a re-keyed UDP socket hears only on its new address",
                        "a = udp; a.bind 0.0.0.0:7000; a.connect 10.0.0.9:53; a.local 10.0.0.1:7000;"
                                + " udp 10.0.0.9:53 > 10.0.0.1:7000 -> a connected; udp 10.0.0.9:53 > 10.0.0.2:7000 -> ICMP"));
    }

    static Stream<Arguments> reuseAddr() {
        return Stream.of(
                row("[TB06, TB12, TB21] C1 RA on both, owner only bound: shared on the same address",
                        "a = tcp; a.ra; a.bind 10.0.0.1:5000; b = tcp; b.ra; b.bind 10.0.0.1:5000"),
                row("[TB06, TB12, TB21] C1 RA on both, owner only bound: wildcard next to specific",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; b = tcp; b.ra; b.bind 10.0.0.1:5000"),
                row("[TB10, TB11] C1 RA on the newcomer only: refused",
                        "a = tcp; a.bind 0.0.0.0:5000; b = tcp; b.ra; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB10, TB11] C1 RA on the owner only: refused",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB07, TB23] C1 a listening owner blocks its address even with RA on both",
                        "a = tcp; a.ra; a.bind 10.0.0.1:5000; a.listen; b = tcp; b.ra; b.bind 10.0.0.1:5000 -> EADDRINUSE"),
                row("[TB08, TB22] C2 a wildcard listener blocks a specific bind even with RA on both",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; a.listen; b = tcp; b.ra; b.bind 127.0.0.1:5000 -> EADDRINUSE"),
                row("[TB08, TB22] C2 a specific listener blocks a wildcard bind even with RA on both",
                        "a = tcp; a.ra; a.bind 127.0.0.1:5000; a.listen; b = tcp; b.ra; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB16] C2 with RP a wildcard and a specific listener coexist",
                        "a = tcp; a.rp; a.bind 0.0.0.0:5000; a.listen; b = tcp; b.rp; b.bind 127.0.0.1:5000; b.listen"),
                row("[C04] C3 two RA sockets bind; the second listen() fails",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; b = tcp; b.ra; b.bind 0.0.0.0:5000; b.listen;"
                                + " a.listen -> EADDRINUSE; a.state BOUND"),
                row("[C04] C3 the same for a wildcard and a specific address",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; b = tcp; b.ra; b.bind 127.0.0.1:5000; a.listen; b.listen -> EADDRINUSE"),
                row("[TB09] C3 bind-time variant: an RA bind next to an RA listener fails",
                        "a = tcp; a.ra; a.bind 0.0.0.0:5000; a.listen; b = tcp; b.ra; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("C3 listen() on an RA socket next to a connected RA socket succeeds (owner not listening)",
                        "a = tcp; a.ra; a.bind 10.0.0.1:5000; a.connect 10.0.0.9:80; b = tcp; b.ra; b.bind 0.0.0.0:5000; b.listen"),
                row("[TL10] C4 old listener without RA, a child remains: even an RA newcomer is refused",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080; l.close;"
                                + " n = tcp; n.ra; n.bind 0.0.0.0:8080 -> EADDRINUSE"),
                row("[TW03] C4 old listener without RA, a TIME-WAIT remains: even an RA newcomer is refused",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " c.timewait; l.close; n = tcp; n.ra; n.bind 0.0.0.0:8080 -> EADDRINUSE"),
                row("[TL11, TW02, TW05] C4 old listener with RA: a new RA listener binds and listens over its TIME-WAIT",
                        "l = tcp; l.ra; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " c.timewait; l.close; n = tcp; n.ra; n.bind 0.0.0.0:8080; n.listen"),
                row("[TL11, TW01] C4 old listener with RA: a newcomer without RA is refused",
                        "l = tcp; l.ra; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " c.timewait; l.close; n = tcp; n.bind 0.0.0.0:8080 -> EADDRINUSE"),
                row("L2 once the TIME-WAIT is gone the port is free",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " c.timewait; l.close; c.close; n = tcp; n.bind 0.0.0.0:8080; n.listen"),
                row("[UB05-UB08, UB14] C5 UDP RA on both: exact duplicates, any number",
                        "a = udp; a.ra; a.bind 127.0.0.1:5000; b = udp; b.ra; b.bind 127.0.0.1:5000; c = udp; c.ra; c.bind 127.0.0.1:5000"),
                row("[UB05-UB08] C5 UDP RA on both: wildcard next to specific, either order",
                        "a = udp; a.ra; a.bind 0.0.0.0:5000; b = udp; b.ra; b.bind 127.0.0.1:5000;"
                                + " c = udp; c.ra; c.bind 127.0.0.1:6000; d = udp; d.ra; d.bind 0.0.0.0:6000"),
                row("[UB05-UB08] C5 UDP RA on one side only: refused, both ways",
                        "a = udp; a.ra; a.bind 0.0.0.0:5000; b = udp; b.bind 0.0.0.0:5000 -> EADDRINUSE;"
                                + " c = udp; c.bind 0.0.0.0:6000; d = udp; d.ra; d.bind 0.0.0.0:6000 -> EADDRINUSE"),
                row("[UD01, UD02] C6 among UDP RA duplicates the newest bound receives everything",
                        "a = udp; a.ra; a.bind 127.0.0.1:5000; b = udp; b.ra; b.bind 127.0.0.1:5000; c = udp; c.ra; c.bind 127.0.0.1:5000;"
                                + " udp 127.0.0.1:4000 > 127.0.0.1:5000 -> c specific-bound; udp 127.0.0.1:4001 > 127.0.0.1:5000 -> c specific-bound;"
                                + " c.close; udp 127.0.0.1:4002 > 127.0.0.1:5000 -> b specific-bound"),
                row("[PV07] C7 UDP RA duplicates across users",
                        "a = udp as alice; a.ra; a.bind 0.0.0.0:5000; b = udp as bob; b.ra; b.bind 0.0.0.0:5000"),
                row("[PV08] C7 TCP RA sharing across users, owner not listening",
                        "a = tcp as alice; a.ra; a.bind 0.0.0.0:5000; b = tcp as bob; b.ra; b.bind 0.0.0.0:5000"));
    }

    static Stream<Arguments> reusePort() {
        return Stream.of(
                row("[TB14, TB15] D1 RP on one side only: refused (TCP)",
                        "a = tcp; a.rp; a.bind 0.0.0.0:5000; b = tcp; b.bind 0.0.0.0:5000 -> EADDRINUSE;"
                                + " c = tcp; c.bind 0.0.0.0:6000; d = tcp; d.rp; d.bind 0.0.0.0:6000 -> EADDRINUSE"),
                row("[UB10, UB11] D1 RP on one side only: refused (UDP)",
                        "a = udp; a.rp; a.bind 0.0.0.0:5000; b = udp; b.bind 0.0.0.0:5000 -> EADDRINUSE;"
                                + " c = udp; c.bind 0.0.0.0:6000; d = udp; d.rp; d.bind 0.0.0.0:6000 -> EADDRINUSE"),
                row("[PV05] D1 TCP RP across users: refused",
                        "a = tcp as alice; a.rp; a.bind 0.0.0.0:5000; b = tcp as bob; b.rp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[PV06] D1 UDP RP across users: refused",
                        "a = udp as alice; a.rp; a.bind 0.0.0.0:5000; b = udp as bob; b.rp; b.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[PV09] D1 RP for the same user: shared",
                        "a = tcp as alice; a.rp; a.bind 0.0.0.0:5000; b = tcp as alice; b.rp; b.bind 0.0.0.0:5000"),
                row("D1 a TIME-WAIT owner is exempt from the same-user check (source: inet_bind_conflict)",
                        "l = tcp as alice; l.rp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " l.close; c.timewait; n = tcp as bob; n.rp; n.bind 0.0.0.0:8080; n.listen"),
                row("D1 an accepted child is not exempt",
                        "l = tcp as alice; l.rp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080;"
                                + " l.close; n = tcp as bob; n.rp; n.bind 0.0.0.0:8080 -> EADDRINUSE"),
                row("[TB13, TB17] D2 two RP listeners on the same address and port",
                        "a = tcp; a.rp; a.bind 127.0.0.1:5000; a.listen; b = tcp; b.rp; b.bind 127.0.0.1:5000; b.listen"),
                row("[UB09, UB12] D2 UDP RP duplicates, wildcard and specific",
                        "a = udp; a.rp; a.bind 127.0.0.1:5000; b = udp; b.rp; b.bind 127.0.0.1:5000; c = udp; c.rp; c.bind 0.0.0.0:5000"),
                row("[TL06, TL07] D3 a wildcard and a specific RP listener are two groups; specific wins",
                        "a = tcp; a.rp; a.bind 0.0.0.0:8080; a.listen; b = tcp; b.rp; b.bind 10.0.0.1:8080; b.listen;"
                                + " c = tcp; c.rp; c.bind 0.0.0.0:8080; c.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> b specific-listener; tcp 10.0.0.9:4001 > 10.0.0.1:8080 -> b specific-listener;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.2:8080 -> a|c wildcard-listener"),
                row("[UD09] D3 a wildcard and a specific RP UDP group; specific wins",
                        "a = udp; a.rp; a.bind 0.0.0.0:5000; b = udp; b.rp; b.bind 127.0.0.1:5000; c = udp; c.rp; c.bind 0.0.0.0:5000;"
                                + " udp 127.0.0.1:4000 > 127.0.0.1:5000 -> b specific-bound; udp 127.0.0.1:4001 > 127.0.0.1:5000 -> b specific-bound;"
                                + " udp 127.0.0.1:4000 > 127.0.0.2:5000 -> a|c wildcard-bound"),
                row("D3 TCP sockets join the group at listen(): a bound RP socket takes no SYN",
                        "a = tcp; a.rp; a.bind 10.0.0.1:8080; b = tcp; b.rp; b.bind 10.0.0.1:8080; b.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> b specific-listener; tcp 10.0.0.9:4001 > 10.0.0.1:8080 -> b specific-listener;"
                                + " tcp 10.0.0.9:4002 > 10.0.0.1:8080 -> b specific-listener; tcp 10.0.0.9:4003 > 10.0.0.1:8080 -> b specific-listener"),
                row("[TL08] D4 a group of four listeners: the hash picks a member",
                        "a = tcp; a.rp; a.bind 10.0.0.1:8080; a.listen; b = tcp; b.rp; b.bind 10.0.0.1:8080; b.listen;"
                                + " c = tcp; c.rp; c.bind 10.0.0.1:8080; c.listen; d = tcp; d.rp; d.bind 10.0.0.1:8080; d.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> a|b|c|d specific-listener"),
                row("[UD16] D5 a connected member hears only its peer; the unconnected members share the rest",
                        "a = udp; a.rp; a.bind 127.0.0.1:5000; b = udp; b.rp; b.bind 127.0.0.1:5000; c = udp; c.rp; c.bind 127.0.0.1:5000;"
                                + " a.connect 127.0.0.1:6000; udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected;"
                                + " udp 127.0.0.1:6001 > 127.0.0.1:5000 -> b|c specific-bound; udp 127.0.0.1:6002 > 127.0.0.1:5000 -> b|c specific-bound;"
                                + " udp 127.0.0.1:6003 > 127.0.0.1:5000 -> b|c specific-bound; udp 127.0.0.1:6004 > 127.0.0.1:5000 -> b|c specific-bound;"
                                + " udp 127.0.0.1:6005 > 127.0.0.1:5000 -> b|c specific-bound; udp 127.0.0.1:6006 > 127.0.0.1:5000 -> b|c specific-bound"),
                row("[UB13] D6 RA on one socket and RP on the other: refused (UDP and TCP)",
                        "a = udp; a.ra; a.bind 0.0.0.0:5000; b = udp; b.rp; b.bind 0.0.0.0:5000 -> EADDRINUSE;"
                                + " c = tcp; c.rp; c.bind 0.0.0.0:5000; d = tcp; d.ra; d.bind 0.0.0.0:5000 -> EADDRINUSE"),
                row("[TB18] D6 RP on both, RA on one: shared, even listening",
                        "a = tcp; a.rp; a.ra; a.bind 0.0.0.0:5000; a.listen; b = tcp; b.rp; b.bind 0.0.0.0:5000; b.listen"));
    }

    static Stream<Arguments> ephemeral() {
        return Stream.of(
                row("[EP01] E3 TCP bind(0) takes an odd port of the default range",
                        "a = tcp; a.bind 0.0.0.0:0; a.port odd; a.port 32768..60999"),
                row("[EP05] E2, E3 listen() autobinds an odd port on 0.0.0.0",
                        "a = tcp; a.listen; a.port odd; a.local 0.0.0.0:*; a.state LISTEN"),
                row("[EP02] E3 with SO_REUSEADDR the lower half [32768, 46884) first",
                        "a = tcp; a.ra; a.bind 0.0.0.0:0; a.port 32768..46883; a.port odd"),
                row("[EP03] E4 connect() autobinds an even port on the source address",
                        "a = tcp; a.connect 10.0.0.9:80; a.port even; a.local 10.0.0.1:*"),
                row("[EP08] E5 bound to addr:0 first: the port comes from bind (odd) and stays",
                        "a = tcp; a.bind 10.0.0.1:0; a.port odd; a.connect 10.0.0.9:80; a.port odd"),
                row("[EP04] E6 UDP bind(0) anywhere in the range",
                        "a = udp; a.bind 0.0.0.0:0; a.port 32768..60999"),
                row("[EP06, EP07] E2 UDP connect() autobinds",
                        "a = udp; a.connect 10.0.0.9:53; a.port 32768..60999"),
                row("E1 the scenario's range is used by every kind of autobind",
                        "range 40000 40009; a = tcp; a.bind 0.0.0.0:0; a.port 40000..40009; b = udp; b.bind 0.0.0.0:0; b.port 40000..40009;"
                                + " c = tcp; c.connect 10.0.0.9:80; c.port 40000..40009; d = tcp; d.listen; d.port 40000..40009"),
                row("E3 exhaustion: bind(0) fails with EADDRINUSE",
                        "range 40000 40001; a = tcp; a.bind 0.0.0.0:0; b = tcp; b.bind 0.0.0.0:0; c = tcp; c.bind 0.0.0.0:0 -> EADDRINUSE"),
                row("E3 exhaustion: listen() autobind fails with EADDRINUSE",
                        "range 40000 40000; a = tcp; a.bind 0.0.0.0:40000; b = tcp; b.listen -> EADDRINUSE"),
                row("E3 an automatic bind never shares a port, even with RA on both (source: relax = false)",
                        "range 40000 40000; a = tcp; a.ra; a.bind 0.0.0.0:0; a.port 40000; b = tcp; b.ra; b.bind 0.0.0.0:0 -> EADDRINUSE;"
                                + " b.bind 0.0.0.0:40000"),
                row("E3 an automatic bind may take a port held on another specific address",
                        "range 40000 40000; a = tcp; a.bind 10.0.0.1:40000; b = tcp; b.bind 10.0.0.2:0; b.port 40000"),
                row("E4 connect()s share a port while their 4-tuples differ; exhaustion is EADDRNOTAVAIL",
                        "range 40000 40000; a = tcp; a.connect 10.0.0.9:80; b = tcp; b.connect 10.0.0.9:81; b.port 40000;"
                                + " c = tcp; c.connect 10.0.0.9:80 -> EADDRNOTAVAIL"),
                row("E4 a port held by an explicit bind() is never picked by connect()",
                        "range 40000 40000; a = tcp; a.bind 10.0.0.2:40000; b = tcp; b.connect 10.0.0.9:80 -> EADDRNOTAVAIL"),
                row("E4 nor one a bind() joined while connect()'s sockets still hold it (source: tb->fastreuse)",
                        "range 40000 40000; a = tcp; a.connect 10.0.0.9:80; b = tcp; b.bind 10.0.0.2:40000; b.close;"
                                + " c = tcp; c.connect 10.0.0.9:81 -> EADDRNOTAVAIL; a.close; d = tcp; d.connect 10.0.0.9:81; d.port 40000"),
                row("E4 a failed connect() gives its automatic port back (source: tcp_set_state)",
                        "range 40000 40000; a = tcp; a.connect 10.0.0.9:80; a.fail; a.state UNBOUND; a.port 0;"
                                + " b = tcp; b.bind 0.0.0.0:40000; a.connect 10.0.0.9:80 -> EADDRNOTAVAIL; b.close; a.connect 10.0.0.9:80"),
                row("a failed connect() keeps a port that bind() named (source: SOCK_BINDPORT_LOCK)",
                        "a = tcp; a.bind 0.0.0.0:7000; a.connect 10.0.0.9:80; a.fail; a.port 7000; a.state BOUND;"
                                + " b = tcp; b.bind 0.0.0.0:7000 -> EADDRINUSE"),
                row("E6 UDP autobind exhaustion: connect() gives EAGAIN, bind(0) EADDRINUSE",
                        "range 40000 40000; a = udp; a.bind 0.0.0.0:40000; b = udp; b.connect 10.0.0.9:53 -> EAGAIN;"
                                + " c = udp; c.bind 0.0.0.0:0 -> EADDRINUSE"),
                row("E6 UDP bind(0) shares a port when RA allows it (source: udp_lib_lport_inuse)",
                        "range 40000 40000; a = udp; a.ra; a.bind 0.0.0.0:0; b = udp; b.ra; b.bind 0.0.0.0:0; b.port 40000"));
    }

    static Stream<Arguments> privilegeAndAddress() {
        return Stream.of(
                row("[PV01] F1 root binds a privileged port", "a = tcp; a.bind 0.0.0.0:80; b = udp; b.bind 0.0.0.0:53"),
                row("[PV02] F1 a user cannot bind a privileged TCP port", "a = tcp as nobody; a.bind 0.0.0.0:80 -> EACCES"),
                row("[PV03] F1 nor a privileged UDP port", "a = udp as nobody; a.bind 0.0.0.0:1023 -> EACCES"),
                row("[PV04] F1 port 1024 is unprivileged", "a = tcp as nobody; a.bind 0.0.0.0:1024"),
                row("F1 port 0 is unprivileged", "a = udp as nobody; a.bind 0.0.0.0:0; b = tcp as nobody; b.listen"),
                row("F2 another host's address: EADDRNOTAVAIL (not measured)",
                        "a = tcp; a.bind 10.0.0.9:5000 -> EADDRNOTAVAIL; b = udp; b.bind 192.168.1.1:0 -> EADDRNOTAVAIL"),
                row("F2 all of 127.0.0.0/8 and the host's addresses are local",
                        "a = tcp; a.bind 127.0.0.2:5000; b = udp; b.bind 127.255.0.3:5000; c = tcp; c.bind 10.0.0.2:5000"),
                row("F2 multicast and broadcast addresses are accepted (not measured)",
                        "a = udp; a.bind 224.0.0.251:5353; b = udp; b.bind 255.255.255.255:67"));
    }

    static Stream<Arguments> connect() {
        return Stream.of(
                row("[TL03, TL04] H2 to any 127.x.y.z the source is 127.0.0.1",
                        "a = tcp; a.connect 127.0.0.5:80; a.local 127.0.0.1:*; b = udp; b.connect 127.0.0.2:53; b.local 127.0.0.1:*"),
                row("H2 to one of the host's own addresses, that address",
                        "a = tcp; a.connect 10.0.0.2:80; a.local 10.0.0.2:*"),
                row("H2 to another host, the outgoing address",
                        "a = udp; a.connect 10.0.0.9:53; a.local 10.0.0.1:*"),
                row("H2 a specific binding keeps its address",
                        "a = tcp; a.bind 10.0.0.2:0; a.connect 10.0.0.9:80; a.local 10.0.0.2:*"),
                row("[CT01, CT05] H3 a second socket on the port cannot connect to the same remote",
                        "a = tcp; a.ra; a.bind 10.0.0.1:7000; b = tcp; b.ra; b.bind 10.0.0.1:7000;"
                                + " a.connect 10.0.0.9:80; b.connect 10.0.0.9:80 -> EADDRNOTAVAIL"),
                row("[CT02] H3 but to a different remote it can",
                        "a = tcp; a.ra; a.bind 10.0.0.1:7000; b = tcp; b.ra; b.bind 10.0.0.1:7000;"
                                + " a.connect 10.0.0.9:80; b.connect 10.0.0.9:81"),
                row("[CT03, CT04] H3 without RA the second bind is already refused",
                        "a = tcp; a.bind 10.0.0.1:7000; a.connect 10.0.0.9:80; b = tcp; b.bind 10.0.0.1:7000 -> EADDRINUSE"),
                row("H3 wildcard bindings clash once re-keyed to the same source",
                        "a = tcp; a.ra; a.bind 0.0.0.0:7000; b = tcp; b.ra; b.bind 0.0.0.0:7000;"
                                + " a.connect 10.0.0.9:80; b.connect 10.0.0.9:80 -> EADDRNOTAVAIL; b.connect 10.0.0.9:81"),
                row("H3 connect() on a listener or a connected socket: EISCONN",
                        "a = tcp; a.listen; a.connect 10.0.0.9:80 -> EISCONN; b = tcp; b.connect 10.0.0.9:80; b.connect 10.0.0.9:81 -> EISCONN"),
                row("[TW06] H4 an explicitly bound connect() takes over a TIME-WAIT's 4-tuple",
                        "a = tcp; a.ra; a.bind 10.0.0.1:7000; a.connect 10.0.0.9:80; a.timewait; b = tcp; b.ra; b.bind 10.0.0.1:7000;"
                                + " b.connect 10.0.0.9:80; a.state UNBOUND; ack 10.0.0.9:80 > 10.0.0.1:7000 -> b established"),
                row("H4 an automatic connect() avoids a TIME-WAIT's 4-tuple (tcp_tw_reuse not modelled)",
                        "range 40000 40000; a = tcp; a.connect 10.0.0.9:80; a.timewait; b = tcp; b.connect 10.0.0.9:80 -> EADDRNOTAVAIL"),
                row("[CT07] H5 two RA UDP sockets connect to the same peer; the last connected hears it (source: hash4)",
                        "a = udp; a.ra; a.bind 127.0.0.1:5000; b = udp; b.ra; b.bind 127.0.0.1:5000;"
                                + " b.connect 127.0.0.1:6000; a.connect 127.0.0.1:6000; udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected"),
                row("H5 a UDP socket may connect again; only the new peer is heard",
                        "a = udp; a.bind 127.0.0.1:5000; a.connect 127.0.0.1:6000; a.connect 127.0.0.1:6001;"
                                + " udp 127.0.0.1:6001 > 127.0.0.1:5000 -> a connected; udp 127.0.0.1:6000 > 127.0.0.1:5000 -> ICMP"));
    }

    static Stream<Arguments> tcpDemux() {
        return Stream.of(
                row("[TL09] I1 an established connection keeps its segments after a new listener binds its port",
                        "l = tcp; l.ra; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080; l.close;"
                                + " n = tcp; n.ra; n.bind 0.0.0.0:8080; n.listen;"
                                + " ack 10.0.0.9:4000 > 10.0.0.1:8080 -> c established; tcp 10.0.0.9:4001 > 10.0.0.1:8080 -> n wildcard-listener"),
                row("[TL02] I1 a listener on another specific address is not a match: RST",
                        "l = tcp; l.bind 127.0.0.2:8080; l.listen; tcp 127.0.0.1:4000 > 127.0.0.3:8080 -> RST"),
                row("I1 a bound socket that does not listen takes no segment",
                        "a = tcp; a.bind 10.0.0.1:8080; tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> RST"),
                row("[TL06, TL07] I2 specific beats wildcard: wildcard listening first",
                        "w = tcp; w.rp; w.bind 0.0.0.0:8080; w.listen; s = tcp; s.rp; s.bind 10.0.0.1:8080; s.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> s specific-listener"),
                row("[TL06, TL07] I2 specific beats wildcard: specific listening first",
                        "s = tcp; s.rp; s.bind 10.0.0.1:8080; s.listen; w = tcp; w.rp; w.bind 0.0.0.0:8080; w.listen;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> s specific-listener; tcp 10.0.0.9:4000 > 10.0.0.2:8080 -> w wildcard-listener"),
                row("[TL05] I2 a wildcard listener takes every local address",
                        "w = tcp; w.bind 0.0.0.0:8080; w.listen; tcp 10.0.0.9:4000 > 10.0.0.2:8080 -> w wildcard-listener;"
                                + " tcp 127.0.0.1:4000 > 127.0.0.9:8080 -> w wildcard-listener"),
                row("[TL03, TL04] I3 the child's local address is the SYN's destination; its segments reach it",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 127.0.0.1:4000 to 127.0.0.5:8080; c.local 127.0.0.5:8080;"
                                + " ack 127.0.0.1:4000 > 127.0.0.5:8080 -> c established; tcp 127.0.0.1:4001 > 127.0.0.5:8080 -> l wildcard-listener"),
                row("[TW09] I4 a new SYN on a TIME-WAIT's 4-tuple goes to the listener; the TIME-WAIT is discarded",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080; c.timewait;"
                                + " ack 10.0.0.9:4000 > 10.0.0.1:8080 -> c established; tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> l wildcard-listener;"
                                + " c.state UNBOUND; l.close; n = tcp; n.bind 0.0.0.0:8080"),
                row("[TW10] I4 with no listener the TIME-WAIT takes the SYN itself",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; c = accept l from 10.0.0.9:4000 to 10.0.0.1:8080; c.timewait; l.close;"
                                + " tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> c established"));
    }

    static Stream<Arguments> udpDemux() {
        return Stream.of(
                row("[UD03] J1 a specific socket beats a wildcard one bound earlier",
                        "w = udp; w.ra; w.bind 0.0.0.0:5000; s = udp; s.ra; s.bind 127.0.0.1:5000; udp 127.0.0.1:4000 > 127.0.0.1:5000 -> s specific-bound"),
                row("[UD04] J1 a specific socket beats a wildcard one bound later",
                        "s = udp; s.ra; s.bind 127.0.0.1:5000; w = udp; w.ra; w.bind 0.0.0.0:5000; udp 127.0.0.1:4000 > 127.0.0.1:5000 -> s specific-bound;"
                                + " udp 10.0.0.9:4000 > 10.0.0.2:5000 -> w wildcard-bound"),
                row("J2 a connected socket whose peer is the sender beats an unconnected one, even an older one",
                        "a = udp; a.ra; a.bind 127.0.0.1:5000; a.connect 127.0.0.1:6000; b = udp; b.ra; b.bind 127.0.0.1:5000;"
                                + " udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected; udp 127.0.0.1:6001 > 127.0.0.1:5000 -> b specific-bound"),
                row("J2 a connected socket beats an RP group that was bound after it (source: udp4_lib_lookup4)",
                        "a = udp; a.ra; a.rp; a.bind 127.0.0.1:5000; a.connect 127.0.0.1:6000; b = udp; b.ra; b.rp; b.bind 127.0.0.1:5000;"
                                + " c = udp; c.ra; c.rp; c.bind 127.0.0.1:5000; udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected"),
                row("[UD05, UD06] J3 a connected socket hears only its peer; with no other socket: ICMP",
                        "a = udp; a.bind 127.0.0.1:5000; a.connect 127.0.0.1:6000; udp 127.0.0.1:6001 > 127.0.0.1:5000 -> ICMP;"
                                + " udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected"),
                row("[UD07] J3 the others' datagrams go to another matching socket",
                        "a = udp; a.ra; a.bind 0.0.0.0:5000; a.connect 127.0.0.1:6000; w = udp; w.ra; w.bind 0.0.0.0:5000;"
                                + " udp 127.0.0.1:6001 > 127.0.0.1:5000 -> w wildcard-bound; udp 127.0.0.1:6000 > 127.0.0.1:5000 -> a connected"),
                row("[UD10] K4 a connected client of a wildcard server via 127.0.0.2 rejects the reply from 127.0.0.1",
                        "s = udp; s.bind 0.0.0.0:9000; c = udp; c.connect 127.0.0.2:9000; c.local 127.0.0.1:*;"
                                + " udp 127.0.0.1:9000 > @c -> ICMP"),
                row("[UD11] K4 with the server bound to 127.0.0.2 the reply comes from its peer",
                        "s = udp; s.bind 127.0.0.2:9000; c = udp; c.connect 127.0.0.2:9000; udp 127.0.0.2:9000 > @c -> c connected"));
    }

    static Stream<Arguments> nothingMatches() {
        return Stream.of(
                row("[TL01] K1 a SYN to a port nobody listens on: RST", "tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> RST"),
                row("[TL12] K1 after the listener closes, new SYNs get RST",
                        "l = tcp; l.bind 0.0.0.0:8080; l.listen; l.close; tcp 10.0.0.9:4000 > 10.0.0.1:8080 -> RST"),
                row("K1 never an RST in answer to an RST", "rst 10.0.0.9:4000 > 10.0.0.1:8080 -> nothing"),
                row("[XP04, UD06] K2 a datagram to a port nobody holds: ICMP port unreachable",
                        "udp 10.0.0.9:4000 > 10.0.0.1:5000 -> ICMP"),
                row("[UD12, UD14] K3 the ICMP error comes back to the connected sender",
                        "a = udp; a.connect 10.0.0.9:9; udp @a > 10.0.0.9:9 -> ICMP; a.icmp 1"),
                row("[UD13] K3 the error also reaches an unconnected sender's socket (which keeps quiet)",
                        "a = udp; a.bind 0.0.0.0:5000; udp 10.0.0.1:5000 > 10.0.0.9:9 -> ICMP; a.icmp 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void tableModel(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bind(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reuseAddr(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void reusePort(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void ephemeral(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void privilegeAndAddress(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void connect(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void tcpDemux(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void udpDemux(String name, String actions) {
        Actions.run(actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nothingMatches(String name, String actions) {
        Actions.run(actions);
    }
}
