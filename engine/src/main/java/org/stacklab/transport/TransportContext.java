package org.stacklab.transport;

import java.util.HashMap;
import java.util.Map;
import org.stacklab.sim.SimRandom;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;

/** Settings and counters shared by every host's transport layer in one run. */
public final class TransportContext {
    private final Simulator sim;
    private final Tracer tracer;
    private final int ephemeralLow;
    private final int ephemeralHigh;
    private final long timeWaitNs;
    private final long reuseportKey;
    private final long portSecret;
    private final TcpConfig tcp;
    private final Map<String, Integer> uids = new HashMap<>();
    private int nextSocketId = 1;
    /** {@code net.ipv6.bindv6only}: the IPV6_V6ONLY a new AF_INET6 socket starts with (M6). */
    private boolean bindV6only;

    public TransportContext(Simulator sim, Tracer tracer, int ephemeralLow, int ephemeralHigh, long timeWaitNs) {
        this(sim, tracer, ephemeralLow, ephemeralHigh, timeWaitNs, TcpConfig.LINUX);
    }

    /** With {@code tcp} the TCP settings of hosts that have none of their own. */
    public TransportContext(Simulator sim, Tracer tracer, int ephemeralLow, int ephemeralHigh, long timeWaitNs,
            TcpConfig tcp) {
        if (ephemeralLow < 1 || ephemeralHigh > 65535 || ephemeralLow > ephemeralHigh) {
            throw new IllegalArgumentException("bad ephemeral range " + ephemeralLow + "-" + ephemeralHigh);
        }
        this.sim = sim;
        this.tracer = tracer;
        this.ephemeralLow = ephemeralLow;
        this.ephemeralHigh = ephemeralHigh;
        this.timeWaitNs = timeWaitNs;
        this.tcp = tcp;
        // Keys drawn first from the run's seed: REUSEPORT hashing and connect()'s port offsets.
        this.reuseportKey = sim.random().nextLong();
        this.portSecret = sim.random().nextLong();
        uids.put("root", 0);
    }

    public Simulator sim() {
        return sim;
    }

    public Tracer tracer() {
        return tracer;
    }

    public int ephemeralLow() {
        return ephemeralLow;
    }

    public int ephemeralHigh() {
        return ephemeralHigh;
    }

    public boolean bindV6only() {
        return bindV6only;
    }

    public void setBindV6only(boolean on) {
        bindV6only = on;
    }

    public long timeWaitNs() {
        return timeWaitNs;
    }

    /** The TCP settings of a host that has none of its own ({@code defaults.tcp}). */
    public TcpConfig tcp() {
        return tcp;
    }

    long reuseportKey() {
        return reuseportKey;
    }

    long portSecret() {
        return portSecret;
    }

    SimRandom random() {
        return sim.random();
    }

    /** The numeric user id of a user name: root is 0, others 1000, 1001, ... in order of first use. */
    public int uidOf(String user) {
        return uids.computeIfAbsent(user, u -> 999 + uids.size());
    }

    int nextSocketId() {
        return nextSocketId++;
    }
}
