package org.stacklab.bridge;

import org.stacklab.process.Outcome;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * What the one-machine mapping changes about a socket's answers, and the hard rule on where it
 * may send: the notes a {@link RealSocket}'s outcomes carry when they are not plainly comparable.
 */
final class SocketNotes {
    private SocketNotes() {}

    /** getsockname's answer {@code a}, with a note when the mapping changed it. */
    static void giveName(RealSocket s, Endpoint a, Reply r) {
        Note n = null;
        if (s.boundByBridge) {
            n = Note.mapping("the bridge bound this socket to its host's address before it sent (H2);"
                    + " the simulation's autobind keeps 0.0.0.0");
        } else if (s.scriptBound != null && s.scriptBound.isWildcard() && !s.world.isolated() && s.peer() == null) {
            a = a.withIp(Ipv4Address.ANY);
            n = Note.mapping("bound to 0.0.0.0 in the scenario, to its host's address here: outside a network namespace"
                    + " of its own the bridge never makes a wildcard bind");
        } else if (s.scriptBound != null && s.scriptBound.isWildcard() && a.ip().equals(Ipv4Address.LOOPBACK)) {
            n = Note.mapping("bound to 0.0.0.0 and connected: on loopback the kernel takes 127.0.0.1 as the source"
                    + " (H2), the simulation the host's address");
        }
        r.give(Outcome.address(a), n);
    }

    /**
     * The hard rule, checked at every call that sends: only 127.0.0.0/8. A wildcard destination
     * means this machine on Linux, so it becomes 127.0.0.1. Null when refused.
     */
    static Endpoint destination(Endpoint e) {
        return destination(e, false);
    }

    /** As {@link #destination(Endpoint)}; with {@code namespaces} (a namespace per host) every address stays. */
    static Endpoint destination(Endpoint e, boolean namespaces) {
        if (namespaces) {
            return e; // a namespace per host: the kernel answers every address itself, and nothing leaves the run
        }
        if (e.ip().isWildcard()) {
            return e.withIp(Ipv4Address.LOOPBACK);
        }
        return e.ip().isLoopback() ? e : null;
    }

    /** A note when a socket the script bound to 127.x talks to another host: a real network would refuse the loopback source. */
    static Note loopbackSource(RealSocket s, Endpoint to) {
        AddressMap m = s.world.map();
        if (!s.world.namespaces() && s.scriptBound != null && s.scriptBound.isLoopback() && m.hostOfReal(s.scriptBound) == null
                && m.belongsToOtherHost(to.ipv4(), s.api.host())) {
            return s.taint = Note.mapping("a socket bound to " + s.scriptBound + " talks to another host: a real network"
                    + " would not carry a loopback source (Linux: EINVAL), one machine's loopback does");
        }
        return null;
    }

    /** A note for EADDRINUSE when nothing of this run holds the port: something else on this machine does. */
    static Note inUse(RealSocket s, Endpoint wanted) {
        if (s.world.heldByRun(s.protocol(), wanted, s)) {
            return null;
        }
        return Note.environment(s.protocol().label() + " port " + wanted.port() + " is in use on this machine by"
                + " something outside this run (another program, or a TIME-WAIT left by an earlier run)");
    }
}
