package org.stacklab.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.Protocol;

/**
 * One host's port table for one protocol: where a port (a number) meets a socket.
 *
 * <p>Three views, as in Linux (docs/port-table.md A2): the bind table by port (every socket holding
 * a port: bound, listening, connected, accepted children, TIME-WAIT), a table by exact
 * (address, port) (TCP: listeners; UDP: every bound socket), and a table by 4-tuple (TCP: the
 * established table; UDP: connected sockets, Linux's hash4). Binds are checked with
 * {@link BindRules}; lookups are the {@link Cascade}. All hashed: cost does not grow
 * with the number of sockets. Lists keep the order sockets entered them; the kernel's hash chains
 * are newest first, so lookups walk them from the end.
 */
public final class PortTable {
    /** {@code net.ipv4.ip_unprivileged_port_start}'s default (F1). */
    static final int UNPRIVILEGED_PORT_START = 1024;

    private final Protocol proto;
    private final HostStack stack;
    private final Map<Integer, List<Sock>> byPort = new HashMap<>();
    /** Chains by (address, port) of both families, and UDP's 4-tuple table. */
    private final Chains chains = new Chains();
    private final Map<ConnKey, Sock> established = new HashMap<>();
    /**
     * TCP ports whose bind bucket was created by connect()'s autobind and never joined by a
     * bind() since ({@code tb->fastreuse == -1 && tb->fastreuseport == -1}): only these may be
     * shared by further connect()s (E4). Forgotten when the port empties.
     */
    private final Set<Integer> connectOnly = new HashSet<>();
    private final Ephemeral ephemeral;
    private final Cascade cascade;
    private long order;

    PortTable(Protocol proto, HostStack stack) {
        this.proto = proto;
        this.stack = stack;
        this.ephemeral = new Ephemeral(this, stack);
        this.cascade = new Cascade(this, stack);
    }

    public Protocol protocol() {
        return proto;
    }

    // ---------------------------------------------------------------- bind, listen, connect

    /**
     * {@code bind()}, checked in the kernel's order (B2): family, address, privilege, once only,
     * conflicts. {@code local} is as the program gave it; an AF_INET6 socket takes a plain IPv4
     * address as v4-mapped (M10).
     */
    public SocketError bind(Sock s, Endpoint local) {
        if (s.family == Family.INET && local.isIpv6()) {
            return SocketError.EAFNOSUPPORT; // M13: an AF_INET socket handed an IPv6 address
        }
        IpAddress ip = AddressSets.wire(local.ip());
        if (ip instanceof Ipv4Address && s.v6only) {
            return SocketError.EINVAL; // M7: a v4-mapped bind on an IPV6_V6ONLY socket
        }
        if (!bindable(ip)) {
            return SocketError.EADDRNOTAVAIL; // F2, M13: not one of this host's addresses
        }
        if (local.port() != 0 && local.port() < UNPRIVILEGED_PORT_START && s.uid() != 0) {
            return SocketError.EACCES; // F1: privileged port without root
        }
        if (s.isBound()) {
            return SocketError.EINVAL; // B1: a socket binds once
        }
        if (ip instanceof Ipv6Address && !ip.isWildcard()) {
            s.v6only = true; // M6: __inet6_bind sets ipv6only for a specific IPv6 address
        }
        int port = local.port();
        if (port == 0) {
            port = proto == Protocol.TCP ? ephemeral.forTcpBind(s, ip) : ephemeral.forUdp(s, ip);
            if (port < 0) {
                return SocketError.EADDRINUSE; // E3, E6, M11: range exhausted
            }
        } else if (conflict(s, ip, port) != null) {
            return SocketError.EADDRINUSE; // B4, C1, C5, D1, D2; M4, M5 across families
        }
        insert(s, ip, port);
        connectOnly.remove(port); // E4: a bind() ends connect()'s sharing of this port
        s.portLocked = local.port() != 0;
        return null;
    }

    /**
     * {@code listen()}: autobinds an unbound socket (E2, E3) or re-checks the conflicts now that
     * the socket listens (C3), then enters the listen table, joining a REUSEPORT group (D3).
     */
    public SocketError listen(Sock s) {
        if (proto != Protocol.TCP) {
            return SocketError.EOPNOTSUPP; // listen(2): not a connection-mode socket
        }
        if (s.tableState == TableState.LISTEN) {
            return null; // G1: only the backlog changes
        }
        if (s.tableState == TableState.CONNECTED || s.tableState == TableState.TIME_WAIT) {
            return SocketError.EINVAL; // __inet_listen_sk: only from CLOSE (or LISTEN)
        }
        if (!s.isBound()) {
            int port = ephemeral.forTcpBind(s, s.unspecified());
            if (port < 0) {
                return SocketError.EADDRINUSE; // E3: range exhausted
            }
            insert(s, s.unspecified(), port);
            connectOnly.remove(port);
        } else if (conflict(s, s.localIp, s.localPort) != null) {
            // C3: inet_csk_listen_start runs get_port again. The predicate looks at the owner's
            // state only, so a bound RA owner still lets this socket listen, but once an owner
            // listens (C1) no other overlapping socket can.
            return SocketError.EADDRINUSE;
        }
        s.tableState = TableState.LISTEN;
        s.bindOrder = ++order;
        chains.enter(s); // D3: TCP sockets join a group at listen()
        return null;
    }

    /**
     * {@code listen()} on a socket whose connect failed: Linux answers EINVAL but has bound an
     * ephemeral port on the address the socket kept (measured on Linux 6.18: getsockname shows a
     * new port after the failed listen, and a later bind gives EINVAL). The socket stays unlistening.
     */
    public void bindAfterFailedConnect(Sock s) {
        if (proto != Protocol.TCP || s.isBound()) {
            return;
        }
        IpAddress at = s.localIp == null ? s.unspecified() : s.localIp;
        int port = ephemeral.forTcpBind(s, at);
        if (port >= 0) {
            insert(s, at, port);
            connectOnly.remove(port);
        }
    }

    /**
     * TCP {@code connect()}: autobind from the ephemeral range (E4) or re-key a wildcard binding
     * to {@code source} (B5); the 4-tuple must be unique (H3) unless a TIME-WAIT holds it (H4).
     */
    public SocketError connectTcp(Sock s, Endpoint remote, IpAddress source) {
        if (s.tableState == TableState.LISTEN || s.tableState == TableState.CONNECTED) {
            return SocketError.EISCONN; // __inet_stream_connect: sk_state != TCP_CLOSE
        }
        if (!s.isBound()) {
            int port = ephemeral.forConnect(s, source, remote);
            if (port < 0) {
                return SocketError.EADDRNOTAVAIL; // E4: no port gives a unique 4-tuple
            }
            boolean newBucket = !portInUse(port);
            insert(s, source, port);
            if (newBucket) {
                connectOnly.add(port); // E4: tb->fastreuse = tb->fastreuseport = -1
            }
        } else {
            IpAddress ip = s.localIp.isWildcard() ? source : s.localIp;
            Sock holder = established.get(connKey(ip, s.localPort, remote));
            if (holder != null && holder != s) {
                if (holder.tableState != TableState.TIME_WAIT) {
                    return SocketError.EADDRNOTAVAIL; // H3: 4-tuple in use
                }
                stack.killTimeWait(holder); // H4: an explicitly bound port takes the TIME-WAIT over
            }
            s.localIp = ip; // B5: inet_bhash2_update_saddr; TCP keeps only listeners by address
        }
        s.remoteIp = remote.ip();
        s.remotePort = remote.port();
        s.tableState = TableState.CONNECTED;
        established.put(connKey(s.localIp, s.localPort, remote), s);
        return null;
    }

    /**
     * UDP {@code connect()}: autobind (E2, E6), re-key a wildcard binding (B5), record the peer
     * (H5). A connected socket leaves its REUSEPORT group, which from then on falls back to
     * scoring (D5): {@code __ip4_datagram_connect} marks the group, then {@code udp4_hash4}
     * takes the socket out of it and into the 4-tuple table.
     */
    public SocketError connectUdp(Sock s, Endpoint remote, IpAddress source) {
        if (!s.isBound()) {
            SocketError e = autobindUdp(s);
            if (e != null) {
                return e;
            }
        }
        if (s.localIp.isWildcard()) {
            rekey(s, source);
        }
        ConnKey now = connKey(s.localIp, s.localPort, remote);
        ConnKey before = s.remoteIp == null ? null : connKey(s.localIp, s.localPort, s.remote());
        s.remoteIp = remote.ip();
        s.remotePort = remote.port();
        s.tableState = TableState.CONNECTED;
        if (s.group != null) {
            s.group.hasConns = true;
            ReuseportGroup.leave(s);
        }
        if (!now.equals(before)) {
            if (before != null) {
                chains.disconnect(s, before);
            }
            chains.connect(s, now);
        }
        return null;
    }

    /** Gives an unbound UDP socket an ephemeral port on the wildcard address ({@code sendto}, E2). */
    public SocketError autobindUdp(Sock s) {
        int port = ephemeral.forUdp(s, s.unspecified());
        if (port < 0) {
            return SocketError.EAGAIN; // inet_autobind: EAGAIN when UDP finds no port (M11 too)
        }
        insert(s, s.unspecified(), port);
        return null;
    }

    /**
     * Enters an accepted connection: the listener's port, the SYN's destination address, the
     * listener's flags and user (A3, I3). No conflict check, as {@code __inet_inherit_port}.
     */
    public void addChild(Sock child, Sock listener, FourTuple tuple) {
        Endpoint local = tuple.local();
        Endpoint remote = tuple.remote();
        child.inheritFrom(listener);
        insert(child, local.ip(), local.port());
        child.remoteIp = remote.ip();
        child.remotePort = remote.port();
        child.tableState = TableState.CONNECTED;
        established.put(connKey(child.localIp, child.localPort, remote), child);
    }

    /** A connection enters TIME-WAIT: it keeps its port, flags and 4-tuple (C4, L2). */
    public void enterTimeWait(Sock s) {
        s.tableState = TableState.TIME_WAIT;
    }

    /**
     * A failed TCP connect ({@code tcp_set_state(TCP_CLOSE)}): the socket leaves the established
     * table; a port the kernel chose (connect's autobind, or {@code bind()} to port 0) is given
     * back ({@code inet_put_port} unless SOCK_BINDPORT_LOCK), so the socket is unbound again.
     */
    public void abandonConnect(Sock s) {
        if (s.remoteIp != null) {
            established.remove(connKey(s.localIp, s.localPort, s.remote()), s);
        }
        s.remoteIp = null;
        s.remotePort = 0;
        if (s.portLocked) {
            s.tableState = TableState.BOUND;
        } else {
            remove(s);
            s.localIp = s.unspecified(); // the port went back to the pool: the socket is unbound again
            s.localPort = 0;
        }
    }

    /** S3, connect(AF_UNSPEC) on UDP: the peer is forgotten; a port chosen automatically goes back. */
    public void disconnectUdp(Sock s) {
        if (!s.portLocked) {
            remove(s);
            s.localIp = s.unspecified();
            s.localPort = 0;
        } else {
            chains.disconnect(s, connKey(s.localIp, s.localPort, s.remote()));
            s.tableState = TableState.BOUND;
        }
        s.remoteIp = null;
        s.remotePort = 0;
    }

    /** Removes a socket from every view; its port is free unless others hold it. */
    public void remove(Sock s) {
        if (s.tableState == TableState.UNBOUND) {
            return;
        }
        List<Sock> p = byPort.get(s.localPort);
        if (p != null) {
            p.remove(s);
            if (p.isEmpty()) {
                byPort.remove(s.localPort);
                connectOnly.remove(s.localPort); // inet_bind_bucket_destroy
            }
        }
        chains.leave(s);
        ReuseportGroup.leave(s);
        if (s.remoteIp != null) {
            if (proto == Protocol.TCP) {
                established.remove(connKey(s.localIp, s.localPort, s.remote()), s);
            } else {
                chains.disconnect(s, connKey(s.localIp, s.localPort, s.remote()));
            }
        }
        s.tableState = TableState.UNBOUND;
    }

    // ---------------------------------------------------------------- lookup

    /**
     * Finds the socket for a packet arriving at {@code dst:dport} from {@code src:sport}, or null.
     * TCP: I1, I2, D4. UDP: J1, J2, C6, D4, D5.
     */
    public Match lookup(IpAddress dst, int dport, IpAddress src, int sport) {
        return proto == Protocol.TCP ? cascade.tcp(dst, dport, src, sport, null) : cascade.udp(dst, dport, src, sport);
    }

    /** Whether a TCP listener would take a SYN to {@code dst:dport} (I4: a TIME-WAIT then steps aside). */
    public boolean hasListener(IpAddress dst, int dport) {
        return chains.anySees(dst, dport);
    }

    /** The TCP cascade skipping {@code declined}, a TIME-WAIT that stepped aside for a SYN (I4). */
    Match lookupTcp(IpAddress dst, int dport, IpAddress src, int sport, Sock declined) {
        return cascade.tcp(dst, dport, src, sport, declined);
    }

    // ---------------------------------------------------------------- views for rules, explanations, snapshots

    /** The first socket whose binding conflicts with {@code s} taking {@code ip:port} (wire form), or null. */
    Sock conflict(Sock s, IpAddress ip, int port) {
        List<Sock> holders = byPort.get(port);
        if (holders == null) {
            return null;
        }
        for (int i = 0; i < holders.size(); i++) {
            Sock o = holders.get(i);
            if (o != s && AddressSets.overlap(ip, s.v6only, o.localIp, o.v6only) && BindRules.conflicts(proto, s, o)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The chain of {@code ip:port} (TCP: listeners; UDP: all), oldest first, or null. The chain of
     * 0.0.0.0 also holds {@code [::]}; the cascade tells them apart by family (AddressSets.sees).
     */
    List<Sock> atAddress(IpAddress ip, int port) {
        return chains.at(ip, port);
    }

    /** The TCP connection on this 4-tuple, or null. */
    Sock established(ConnKey k) {
        return established.get(k);
    }

    /** The UDP sockets connected on this 4-tuple, least recently connected first, or null. */
    List<Sock> connectedUdp(ConnKey k) {
        return chains.connected(k);
    }

    /** Every socket holding {@code port}, in the order they took it. */
    public List<Sock> holders(int port) {
        List<Sock> l = byPort.get(port);
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    /** The socket holding this exact 4-tuple (TCP), or null. */
    public Sock connection(FourTuple t) {
        return established.get(connKey(AddressSets.wire(t.local().ip()), t.local().port(), t.remote().withIp(AddressSets.wire(t.remote().ip()))));
    }

    boolean portInUse(int port) {
        List<Sock> l = byPort.get(port);
        return l != null && !l.isEmpty();
    }

    /**
     * Whether {@code s} taking {@code ip:port} would overlap any holder at all (B3). An
     * automatic TCP bind takes only such ports: {@code inet_csk_find_open_port} checks with
     * {@code relax = false, reuseport_ok = false}, so neither SO_REUSEADDR nor SO_REUSEPORT
     * lets it share (E3).
     */
    boolean overlapsAny(Sock s, IpAddress ip, int port) {
        List<Sock> holders = byPort.get(port);
        if (holders == null) {
            return false;
        }
        for (int i = 0; i < holders.size(); i++) {
            Sock o = holders.get(i);
            if (o != s && AddressSets.overlap(ip, s.v6only, o.localIp, o.v6only)) {
                return true;
            }
        }
        return false;
    }

    /** Whether connect()'s autobind may share this port: its bucket is connect()'s own (E4). */
    boolean connectMayShare(int port) {
        return connectOnly.contains(port);
    }

    boolean tupleInUse(IpAddress local, int port, Endpoint remote) {
        return established.containsKey(connKey(local, port, remote));
    }

    // ---------------------------------------------------------------- internals

    private void insert(Sock s, IpAddress ip, int port) {
        s.localIp = ip;
        s.localPort = port;
        s.tableState = TableState.BOUND;
        s.bindOrder = ++order;
        Chains.bucket(byPort, port).add(s);
        if (proto == Protocol.UDP) {
            chains.enter(s); // D3: UDP sockets join a group at bind()
        }
    }

    /**
     * B5 for UDP ({@code udp_lib_rehash}): the socket moves to the chain of its new address, at
     * the head (newest), and leaves its REUSEPORT group.
     */
    private void rekey(Sock s, IpAddress ip) {
        chains.leave(s);
        ReuseportGroup.leave(s);
        s.localIp = ip;
        s.bindOrder = ++order;
        chains.reenter(s);
    }

    /**
     * F2 ({@code inet_addr_valid_or_nonlocal}): 0.0.0.0, an address of this host (all of
     * 127.0.0.0/8), or a multicast or the broadcast address. IPv6 (M13): {@code ::}, {@code ::1}, or
     * an address of this host.
     */
    private boolean bindable(IpAddress address) {
        if (address instanceof Ipv6Address v6) {
            return v6.isWildcard() || v6.isLoopback() || stack.isLocal6(v6);
        }
        Ipv4Address ip = (Ipv4Address) address;
        int b = ip.bits();
        return ip.isWildcard() || (b >>> 28) == 0xE || b == -1 || stack.host().isLocal(ip);
    }

    private static ConnKey connKey(IpAddress local, int port, Endpoint remote) {
        return ConnKey.of(local, port, remote.ip(), remote.port());
    }
}
