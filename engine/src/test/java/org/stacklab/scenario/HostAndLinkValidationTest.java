package org.stacklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stacklab.scenario.Loading.BASE;
import static org.stacklab.scenario.Loading.assertErrors;
import static org.stacklab.scenario.Loading.ok;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stacklab.wire.Ipv4Address;

class HostAndLinkValidationTest {
    @Test
    void aHostMayHaveSeveralAddresses() {
        Scenario s = ok("scenario: t\nhosts:\n  - {name: r, ips: [10.0.0.1, 10.0.1.1], forward: true}\n");
        assertEquals(List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.1.1")), s.hosts().get(0).ips());
        assertEquals(true, s.hosts().get(0).forward());
    }

    @Test
    void aHostNeedsANameAndAnAddress() {
        assertErrors("scenario: t\nhosts:\n  - ip: 10.0.0.1\n  - name: b\n",
                "t.yaml:3:5: missing required key 'name' in host",
                "t.yaml:4:5: missing required key 'ip' (or 'ips') in host");
    }

    @Test
    void ipAndIpsTogetherAreRefused() {
        assertErrors("scenario: t\nhosts:\n  - {name: a, ip: 10.0.0.1, ips: [10.0.0.2]}\n",
                "t.yaml:3:29: give either 'ip' or 'ips', not both");
    }

    @Test
    void aBadAddressIsReportedAtTheValue() {
        assertErrors("scenario: t\nhosts:\n  - {name: a, ip: 10.0.0.300}\n  - {name: b, ips: [10.0.0.2, ten]}\n",
                "t.yaml:3:19: not an IPv4 address: '10.0.0.300' (300 is above 255)",
                "t.yaml:4:31: not an IPv4 address: 'ten'");
    }

    @Test
    void wildcardAndLoopbackAreNotHostAddresses() {
        assertErrors("scenario: t\nhosts:\n  - {name: a, ip: 0.0.0.0}\n  - {name: b, ip: 127.0.0.2}\n",
                "t.yaml:3:19: 0.0.0.0 is the wildcard address, not a host's address",
                "t.yaml:4:19: 127.0.0.2 is a loopback address (127.0.0.0/8), which every host already has");
    }

    @Test
    void aDuplicateHostNameIsReportedAtTheSecond() {
        assertErrors(BASE + "  - {name: web, ip: 10.0.0.9}\n",
                "t.yaml:5:12: duplicate host name 'web' (first at line 3)");
    }

    @Test
    void aHostNamedLikeAGroupMemberIsADuplicate() {
        assertErrors(BASE + "  - {name: client2, ip: 10.0.0.9}\n",
                "t.yaml:5:12: host name 'client2' is taken by group 'client' (line 4), whose members are client1 .. client3");
    }

    @Test
    void aGroupWhoseMembersClashWithAHostIsADuplicate() {
        assertErrors("scenario: t\nhosts:\n  - {name: pc2, ip: 10.0.0.9}\n  - {name: pc, count: 5, ip: 10.1.0.1}\n",
                "t.yaml:4:12: group 'pc' would make a second 'pc2' (first at line 3)");
    }

    @Test
    void twoGroupsThatWouldMakeTheSameMemberClash() {
        assertErrors("scenario: t\nhosts:\n  - {name: pc1, count: 2, ip: 10.2.0.1}\n  - {name: pc, count: 20, ip: 10.1.0.1}\n",
                "t.yaml:4:12: group 'pc' would make a second 'pc1' (first at line 3)");
        assertErrors("scenario: t\nhosts:\n  - {name: pc, count: 20, ip: 10.1.0.1}\n  - {name: pc1, count: 2, ip: 10.2.0.1}\n",
                "t.yaml:4:12: host name 'pc1' is taken by group 'pc' (line 3), whose members are pc1 .. pc20");
    }

    @Test
    void groupsThatOnlyShareAPrefixDoNotClash() {
        ok("""
                scenario: t
                hosts:
                  - {name: pc, count: 9, ip: 10.1.0.1}
                  - {name: pc10, ip: 10.2.0.1}
                  - {name: pcs, count: 2, ip: 10.3.0.1}
                  - {name: pc0, count: 2, ip: 10.4.0.1}
                """);
    }

    @Test
    void aGroupNeedsAtLeastOneMember() {
        assertErrors("scenario: t\nhosts:\n  - {name: pc, count: 0, ip: 10.1.0.1}\n",
                "t.yaml:3:23: 'count' must be between 1 and 1000000, got 0");
    }

    @Test
    void aGroupMayNotRunPastTheLastAddress() {
        assertErrors("scenario: t\nhosts:\n  - {name: pc, count: 300, ip: 255.255.255.1}\n",
                "t.yaml:3:32: group 'pc' of 300 hosts starting at 255.255.255.1 runs past 255.255.255.255");
    }

    @Test
    void aGroupEndingExactlyAtTheLastAddressFits() {
        ok("scenario: t\nhosts:\n  - {name: pc, count: 255, ip: 255.255.255.1}\n");
    }

    @Test
    void linksMayNameGroupsAndGroupMembers() {
        Scenario s = ok(BASE + "links:\n  - [client, web]\n  - {a: client3, b: web, queue: 5}\n");
        assertEquals(new LinkSpec(new Pos(6, 5), "client", "web", LinkParams.DEFAULT), s.links().get(0));
        assertEquals(new LinkParams(1_000_000, 1_000_000_000, 0.0, 5), s.links().get(1).params());
    }

    @Test
    void linksTakeTheScenarioDefaults() {
        Scenario s = ok(BASE + "defaults: {link: {latency: 3ms}}\nlinks:\n  - [client, web]\n  - {a: web, b: client1, loss: 0.1}\n");
        assertEquals(new LinkParams(3_000_000, 1_000_000_000, 0.0, 1000), s.links().get(0).params());
        assertEquals(new LinkParams(3_000_000, 1_000_000_000, 0.1, 1000), s.links().get(1).params());
    }

    @Test
    void anUnknownHostInALinkSuggestsTheClosestName() {
        assertErrors(BASE + "links:\n  - [wbe, client]\n  - {a: web, b: nowhere}\n",
                "t.yaml:6:6: unknown host 'wbe'; did you mean 'web'?",
                "t.yaml:7:17: unknown host 'nowhere'");
    }

    @Test
    void aLinkFromAHostToItselfIsRefused() {
        assertErrors(BASE + "links:\n  - [web, web]\n", "t.yaml:6:5: a link joins host 'web' to itself");
    }

    @Test
    void aLinkBetweenTwoGroupsIsRefused() {
        assertErrors(BASE + "  - {name: srv, count: 2, ip: 10.2.0.1}\nlinks:\n  - [client, srv]\n",
                "t.yaml:7:5: a link may name a group on one side only ('client' and 'srv' are both groups)");
    }

    @Test
    void aLinkFromAGroupToItsOwnMemberIsRefused() {
        assertErrors(BASE + "links:\n  - {a: client, b: client2}\n",
                "t.yaml:6:5: a link joins group 'client' to its own member 'client2'");
    }

    @Test
    void aLinkShorthandNamesExactlyTwoHosts() {
        assertErrors(BASE + "links:\n  - [web]\n  - web\n",
                "t.yaml:6:5: a link joins two hosts, [a, b]; this one names 1",
                "t.yaml:7:5: expected a link like [a, b] or {a: r1, b: web, latency: 5ms}, got 'web'");
    }

    @Test
    void badLinkPropertiesArePointedAt() {
        assertErrors(BASE + "links:\n  - {a: web, b: client, latency: 5, bandwidth: 1GB, loss: 2, queue: 0, mtu: 1500}\n",
                "t.yaml:6:34: bad time '5': expected a number with a unit ns, us, ms or s",
                "t.yaml:6:48: bad bandwidth '1GB': expected a number with a unit bps, Kbps, Mbps or Gbps",
                "t.yaml:6:59: bad loss '2': outside 0-100%: a fraction must be between 0 and 1 (write '2%' for a percentage)",
                "t.yaml:6:69: 'queue' must be at least 1, got 0",
                "t.yaml:6:72: unknown key 'mtu' in link; known keys: a, b, latency, bandwidth, loss, queue");
    }

    @Test
    void aLinkMissingASideIsReported() {
        assertErrors(BASE + "links:\n  - {a: web}\n", "t.yaml:6:5: missing required key 'b' in link");
    }
}
