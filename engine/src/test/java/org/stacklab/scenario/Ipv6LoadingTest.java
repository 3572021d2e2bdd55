package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.wire.IpAddress;

/** The contract's IPv6 additions to hosts and endpoints: addresses of both families, groups, bracketed endpoints. */
class Ipv6LoadingTest {
    private static List<IpAddress> ips(String... texts) {
        return java.util.Arrays.stream(texts).map(IpAddress::parse).toList();
    }

    @Test
    void hostsTakeIpv6AddressesUnquotedAndBesideIpv4Ones() {
        Scenario s = ok("scenario: t\nhosts:\n  - {name: a, ip: 2001:db8::5}\n  - name: b\n    ips: [192.168.1.5, 2001:db8::6]\n");
        assertEquals(ips("2001:db8::5"), s.hosts().get(0).ips());
        assertEquals(ips("192.168.1.5", "2001:db8::6"), s.hosts().get(1).ips());
    }

    @Test
    void aGroupCountsIpv6AddressesUpAcrossAGroupBoundary() {
        Scenario s = ok("scenario: t\nhosts:\n  - {name: g, count: 3, ips: [10.0.0.254, 2001:db8::fffe]}\n");
        List<HostSpec> m = s.hosts().get(0).members();
        assertEquals(ips("10.0.0.254", "2001:db8::fffe"), m.get(0).ips());
        assertEquals(ips("10.0.0.255", "2001:db8::ffff"), m.get(1).ips());
        assertEquals(ips("10.0.1.0", "2001:db8::1:0"), m.get(2).ips());
    }

    @Test
    void loopbackWildcardMappedAndMalformedIpv6AddressesAreRefusedAtTheValue() {
        assertErrors("scenario: t\nhosts:\n  - {name: a, ip: \"::1\"}\n  - {name: b, ip: \"::\"}\n"
                        + "  - {name: c, ip: \"::ffff:10.0.0.1\"}\n  - {name: d, ip: 2001:db8::g}\n",
                "t.yaml:3:19: ::1 is the loopback address, which every host already has",
                "t.yaml:4:19: :: is the wildcard address, not a host's address",
                "t.yaml:5:19: ::ffff:10.0.0.1 is a v4-mapped address (an IPv4 address seen by an IPv6 socket); give the host 10.0.0.1 instead",
                "t.yaml:6:19: not an IPv6 address: '2001:db8::g' ('g' is not a group of 1 to 4 hex digits)");
    }

    @Test
    void aGroupMayNotRunPastTheLastIpv6Address() {
        assertErrors("scenario: t\nhosts:\n  - {name: g, count: 2, ip: \"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\"}\n",
                "t.yaml:3:29: group 'g' of 2 hosts starting at ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff runs past "
                        + "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void bracketedEndpointsLoadAndMalformedOnesAreRefusedWithTheirPosition() {
        String head = "scenario: t\nhosts:\n  - {name: a, ips: [10.0.0.1, 2001:db8::1]}\nprocesses:\n  - name: p\n    host: a\n"
                + "    steps:\n      - socket: {name: s, type: dgram, family: inet6}\n";
        ok(head + "      - connect: {socket: s, addr: \"[2001:db8::5]:80\"}\n"
                + "      - sendto: {socket: s, to: \"[::ffff:10.0.0.2]:80\", data: x}\n"
                + "      - bind: {socket: s, addr: \"[::]:80\"}\n"
                + "      - connect: {socket: s, addr: \"[::1]:7\"}\n");
        assertErrors(head + "      - connect: {socket: s, addr: \"2001:db8::5:80\"}\n"
                        + "      - connect: {socket: s, addr: \"[2001:db8::5:80\"}\n"
                        + "      - connect: {socket: s, addr: \"[10.0.0.1]:80\"}\n",
                "t.yaml:9:36: an IPv6 endpoint is written in brackets, as [2001:db8::5]:80, not '2001:db8::5:80'",
                "t.yaml:10:36: expected ']' before ':port' in '[2001:db8::5:80'",
                "t.yaml:11:36: brackets are for IPv6 addresses, write an IPv4 endpoint as ip:port in '[10.0.0.1]:80'");
    }

    @Test
    void aHostVariableIpMayStandInsideBrackets() {
        ok("scenario: t\nhosts:\n  - {name: a, count: 2, ip: 2001:db8::1}\nprocesses:\n  - name: p\n    host: a\n"
                + "    steps:\n      - socket: {name: s, type: dgram, family: inet6}\n"
                + "      - bind: {socket: s, addr: \"[${ip}]:5000\"}\n");
    }
}
