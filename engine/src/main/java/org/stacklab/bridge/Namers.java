package org.stacklab.bridge;

import java.util.Set;
import org.stacklab.wire.Endpoint;

/**
 * Names for addresses that mean the same in both worlds: the host's name for its address (its
 * simulated one, or the loopback one standing for it), {@code lo} for 127.x, {@code *} for the
 * wildcard; the port as a number only when the scenario writes it, {@code *} otherwise (ephemeral
 * ports are the kernel's choice and are not compared).
 */
final class Namers {
    private Namers() {}

    static Recorder.Namer sim(AddressMap map, Set<Integer> fixedPorts) {
        return (proto, e, peer) -> {
            if (e == null) {
                return "?";
            }
            String host = map.hostOfSim(e.ipv4());
            String ip = e.ip().isWildcard() ? "*" : host != null ? host : e.ip().isLoopback() ? "lo" : e.ip().toString();
            return ip + ":" + port(e, fixedPorts);
        };
    }

    /** Names for the real world, whose outcomes the real socket API has put back in the scenario's addresses. */
    static Recorder.Namer real(RealWorld world, Set<Integer> fixedPorts) {
        AddressMap map = world.map();
        return (proto, e, peer) -> {
            if (e == null) {
                return "?";
            }
            String host = map.hostOfSim(e.ipv4());
            String ip;
            if (e.ip().isWildcard()) {
                ip = "*";
            } else if (host != null) {
                ip = host;
            } else if (e.ip().isLoopback()) {
                ip = peer ? world.senderOfUnmapped(proto, e.port()) : "lo";
            } else {
                ip = e.ip().toString();
            }
            return ip + ":" + port(e, fixedPorts);
        };
    }

    private static String port(Endpoint e, Set<Integer> fixed) {
        return e.port() == 0 || fixed.contains(e.port()) ? Integer.toString(e.port()) : "*";
    }
}
