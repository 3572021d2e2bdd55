package org.stacklab.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

class AddressMapTest {
    static Ipv4Address ip(String s) {
        return Ipv4Address.parse(s);
    }

    static AddressMap map(Ipv4Address base, String... namesAndIps) {
        Map<String, List<Ipv4Address>> hosts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndIps.length; i += 2) {
            hosts.put(namesAndIps[i], List.of(ip(namesAndIps[i + 1])));
        }
        return AddressMap.of(hosts, base, List.of());
    }

    @Test
    void hostsGetLoopbackAddressesFromPointTwoInTheOrderOfTheFile() {
        AddressMap m = map(AddressMap.DEFAULT_BASE, "web", "192.168.1.5", "laptop", "10.0.0.2", "client1", "10.1.0.1");
        assertEquals(ip("127.0.0.2"), m.loopbackOf("web"));
        assertEquals(ip("127.0.0.3"), m.loopbackOf("laptop"));
        assertEquals(ip("127.0.0.4"), m.loopbackOf("client1"));
        assertEquals("web             192.168.1.5     -> 127.0.0.2".replaceAll(" +", " "),
                m.describe().get(0).replaceAll(" +", " "));
    }

    @Test
    void theMachinesOwnAddressAndNetworkAndBroadcastLikeAddressesAreSkipped() {
        AddressMap m = map(ip("127.0.0.254"), "a", "10.0.0.1", "b", "10.0.0.2", "c", "10.0.0.3");
        assertEquals(ip("127.0.0.254"), m.loopbackOf("a"));
        assertEquals(ip("127.0.1.1"), m.loopbackOf("b")); // not .255, not .0
        assertEquals(ip("127.0.1.2"), m.loopbackOf("c"));
        AddressMap avoid = AddressMap.of(new LinkedHashMap<>(Map.of("a", List.of(ip("10.0.0.1")))), ip("127.0.0.2"),
                List.of(ip("127.0.0.2")));
        assertEquals(ip("127.0.0.3"), avoid.loopbackOf("a"));
    }

    @Test
    void aHostsAddressBecomesItsLoopbackAddressAndBack() throws Exception {
        AddressMap m = map(AddressMap.DEFAULT_BASE, "web", "192.168.1.5", "laptop", "10.0.0.2");
        assertEquals(Endpoint.parse("127.0.0.2:80"), m.toReal(Endpoint.parse("192.168.1.5:80")));
        assertEquals(Endpoint.parse("192.168.1.5:80"), m.toSim(Endpoint.parse("127.0.0.2:80")));
        assertEquals("laptop", m.hostOfReal(ip("127.0.0.3")));
        assertEquals("laptop", m.hostOfSim(ip("10.0.0.2")));
        assertNull(m.hostOfReal(ip("127.0.0.1")));
    }

    @Test
    void theWildcardAndLoopbackAddressesStayAsWritten() throws Exception {
        AddressMap m = map(AddressMap.DEFAULT_BASE, "web", "192.168.1.5");
        assertEquals(Ipv4Address.ANY, m.toReal(Ipv4Address.ANY));
        assertEquals(ip("127.0.0.1"), m.toReal(ip("127.0.0.1")));
        assertEquals(ip("127.9.9.9"), m.toReal(ip("127.9.9.9")));
    }

    @Test
    void anAddressOfNoHostIsRefusedBecauseItWouldLeaveLoopback() {
        AddressMap m = map(AddressMap.DEFAULT_BASE, "web", "192.168.1.5");
        AddressMap.Refused r = assertThrows(AddressMap.Refused.class, () -> m.toReal(ip("8.8.8.8")));
        assertTrue(r.getMessage().contains("8.8.8.8 belongs to no host"), r.getMessage());
        assertTrue(r.getMessage().contains("127.0.0.0/8"), r.getMessage());
    }

    @Test
    void anotherHostsLoopbackAddressIsNotLocalToAHost() {
        AddressMap m = map(AddressMap.DEFAULT_BASE, "a", "10.0.0.1", "b", "10.0.0.2");
        assertTrue(m.belongsToOtherHost(ip("127.0.0.3"), "a"));
        assertFalse(m.belongsToOtherHost(ip("127.0.0.2"), "a"));
        assertFalse(m.belongsToOtherHost(ip("127.0.0.1"), "a"));
        assertFalse(m.belongsToOtherHost(Ipv4Address.ANY, "a"));
    }

    @Test
    void eachAddressOfAHostWithSeveralGetsItsOwnLoopbackAddress() throws Exception {
        Map<String, List<Ipv4Address>> hosts = new LinkedHashMap<>();
        hosts.put("server", List.of(ip("192.168.1.5"), ip("192.168.2.5")));
        hosts.put("alice", List.of(ip("10.0.0.2")));
        AddressMap m = AddressMap.of(hosts, AddressMap.DEFAULT_BASE, List.of());
        assertEquals(ip("127.0.0.2"), m.toReal(ip("192.168.1.5")));
        assertEquals(ip("127.0.0.3"), m.toReal(ip("192.168.2.5")));
        assertEquals(ip("127.0.0.4"), m.loopbackOf("alice"));
        assertEquals(ip("192.168.2.5"), m.toSim(ip("127.0.0.3")));
        assertEquals("server", m.hostOfReal(ip("127.0.0.3")));
        assertFalse(m.belongsToOtherHost(ip("127.0.0.3"), "server")); // both are the server's own (B3, I2 stay)
    }

    @Test
    void aBaseOutsideLoopbackIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> map(ip("10.0.0.2"), "a", "10.0.0.1"));
    }
}
