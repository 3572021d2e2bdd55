package org.stacklab.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.net.Host;
import org.stacklab.sim.SimRandom;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.TraceEvent;
import org.stacklab.trace.Tracer;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.Protocol;

/**
 * One host's transport layer: a TCP and a UDP {@link PortTable} (separate port spaces, A1),
 * the demultiplexers registered with the host's IP layer, and the open sockets.
 */
public final class HostStack {
    private final Host host;
    private final TransportContext ctx;
    private final PortTable tcp;
    private final PortTable udp;
    private final Map<Integer, Sock> sockets = new LinkedHashMap<>();
    private Readiness readiness;
    private TcpConfig tcpConfig;

    private HostStack(Host host, TransportContext ctx) {
        this.host = host;
        this.ctx = ctx;
        this.tcp = new PortTable(Protocol.TCP, this);
        this.udp = new PortTable(Protocol.UDP, this);
    }

    /**
     * Creates the stack of {@code host} and registers its demultiplexers. {@code tcpSegments}
     * answers TCP segments nobody takes (the RST of K1); it is given by the TCP module so that
     * this package need not know TCP.
     */
    public static HostStack install(Host host, TransportContext ctx) {
        HostStack s = new HostStack(host, ctx);
        host.attach(s);
        host.register(Protocol.TCP, new Demux(s.tcp, s));
        host.register(Protocol.UDP, new Demux(s.udp, s));
        IcmpHandler icmp = new IcmpHandler(s);
        host.register(Protocol.ICMP, icmp);
        host.register(Protocol.ICMPV6, icmp);
        return s;
    }

    /** The stack installed on {@code host}. */
    public static HostStack of(Host host) {
        return (HostStack) host.stack();
    }

    public Host host() {
        return host;
    }

    public TransportContext context() {
        return ctx;
    }

    /** This host's TCP settings: its own ({@link #configureTcp}) or the run's defaults. */
    public TcpConfig tcpConfig() {
        return tcpConfig != null ? tcpConfig : ctx.tcp();
    }

    /** Gives this host TCP settings of its own (a host's {@code tcp:} in a scenario). */
    public void configureTcp(TcpConfig config) {
        this.tcpConfig = config;
    }

    public Simulator sim() {
        return ctx.sim();
    }

    public Tracer tracer() {
        return ctx.tracer();
    }

    public PortTable table(Protocol p) {
        return p == Protocol.TCP ? tcp : udp;
    }

    /** poll(2)'s waiters on this host's sockets. */
    public Readiness readiness() {
        if (readiness == null) {
            readiness = new Readiness(sim());
        }
        return readiness;
    }

    /** What poll(2) would report for a socket of this host may have changed. */
    public void readinessChanged() {
        if (readiness != null) {
            readiness.changed();
        }
    }

    /** Registers a new socket so socket tables list it. */
    public void opened(Sock s) {
        sockets.put(s.id(), s);
    }

    /** Forgets a socket that is gone for good (closed, TIME-WAIT over). */
    public void forget(Sock s) {
        table(s.protocol()).remove(s);
        sockets.remove(s.id());
    }

    /** Open sockets in the order they were created. */
    public List<Sock> sockets() {
        return Collections.unmodifiableList(new ArrayList<>(sockets.values()));
    }

    /** The socket table of this host now, like {@code ss -tuanp}. */
    public List<TraceEvent.SocketRow> socketTable() {
        List<TraceEvent.SocketRow> rows = new ArrayList<>();
        for (Sock s : sockets.values()) {
            if (!s.isBound() && s.tableState() == TableState.UNBOUND) {
                continue;
            }
            String netid = s.protocol().label() + (s.family() == Family.INET6 ? "6" : ""); // tcp6, udp6 (M10)
            rows.add(new TraceEvent.SocketRow(s.id(), netid, s.stateName(), s.local().toString(),
                    s.remote() == null ? "*:*" : s.remote().toString(), s.owner(), s.recvQueue(), s.sendQueue()));
        }
        return rows;
    }

    /**
     * Whether {@code a} is one of this host's IPv6 addresses (M13: else a bind gets EADDRNOTAVAIL);
     * {@code ::1} is checked by the caller.
     */
    boolean isLocal6(Ipv6Address a) {
        return host.isLocal(a);
    }

    /** Ends a TIME-WAIT early (H4, I4): the socket is told, then forgotten. */
    void killTimeWait(Sock s) {
        if (s instanceof TimeWaitAware t) {
            t.timeWaitKilled();
        }
        forget(s);
    }

    /** Implemented by TCP sockets that must hear when their TIME-WAIT is taken over. */
    public interface TimeWaitAware {
        void timeWaitKilled();
    }

    int ephemeralLow() {
        return ctx.ephemeralLow();
    }

    int ephemeralHigh() {
        return ctx.ephemeralHigh();
    }

    SimRandom random() {
        return ctx.random();
    }

    long portSecret() {
        return ctx.portSecret();
    }

    int nextSocketId() {
        return ctx.nextSocketId();
    }

    /** D4: a keyed hash of the 4-tuple, scaled to the group size; the same flow always gets the same member. */
    int reuseportIndex(IpAddress src, int sport, IpAddress dst, int dport, int size) {
        long tuple = ((long) AddressSets.fold(src) << 32) ^ ((long) sport << 16) ^ dport
                ^ ((long) AddressSets.fold(dst) * 0x9E3779B97F4A7C15L);
        long h = SimRandom.mix(ctx.reuseportKey(), tuple);
        return (int) (((h >>> 32) * size) >>> 32);
    }
}
