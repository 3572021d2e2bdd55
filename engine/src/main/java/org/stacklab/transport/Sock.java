package org.stacklab.transport;

import org.stacklab.net.Host;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;
import org.stacklab.wire.IpPacket;
import org.stacklab.wire.Protocol;

/**
 * A socket as the port table sees it: an owner (process and user), a local address and port,
 * perhaps a peer, the SO_REUSEADDR / SO_REUSEPORT flags, and a {@link TableState}.
 *
 * <p>TCP and UDP sockets extend it. The table finds; the socket decides what a packet means.
 */
public abstract class Sock {
    protected final HostStack stack;
    private final int id;
    private final String process;
    private int uid;
    /** The local address in its wire form (AddressSets): IPv4 for IPv4 traffic, even on an AF_INET6 socket. */
    IpAddress localIp = Ipv4Address.ANY;
    int localPort;
    /** The peer's address in its wire form, or null. */
    IpAddress remoteIp;
    int remotePort;
    boolean reuseAddr;
    boolean reusePort;
    /** AF_INET or AF_INET6, fixed at socket() (M4). */
    Family family = Family.INET;
    /** IPV6_V6ONLY (M6): an AF_INET6 socket that sees no IPv4. Always false for AF_INET. */
    boolean v6only;
    /** O_NONBLOCK: calls that would wait fail at once (EAGAIN; EINPROGRESS for connect). */
    private boolean nonblocking;
    TableState tableState = TableState.UNBOUND;
    /** The socket options of the second wave (SO_LINGER, SO_SNDBUF, TCP_NODELAY, SO_KEEPALIVE, ...). */
    private final SockOptions options = new SockOptions();
    /** Order of entry into its address chain (bind, listen, UDP re-key); chains keep this order (C6). */
    long bindOrder;
    /**
     * {@code bind()} named the port (Linux's SOCK_BINDPORT_LOCK): a failed connect keeps it;
     * an automatically chosen port is given back ({@code tcp_set_state(TCP_CLOSE)}).
     */
    boolean portLocked;
    /** The SO_REUSEPORT group this socket is a member of (D3), or null. */
    ReuseportGroup group;

    protected Sock(HostStack stack, String process, int uid) {
        this.stack = stack;
        this.id = stack.nextSocketId();
        this.process = process;
        this.uid = uid;
    }

    public abstract Protocol protocol();

    /**
     * Whether this socket takes a packet the table found for it. A TCP TIME-WAIT socket declines
     * a new SYN when a listener exists (I4), and the lookup goes on.
     */
    public boolean accepts(IpPacket p) {
        return true;
    }

    /**
     * Takes a packet the table matched to this socket. The socket ends the packet's accounting:
     * {@link Host#delivered} (passing {@code how} on) or {@link Host#drop}.
     */
    public abstract void receive(IpPacket p, TraceEvent.Delivery how);

    /** An ICMP error about a packet this socket sent. */
    public void icmpError(IcmpMessage msg) {}

    /** State for socket tables: {@code UNCONN}, {@code LISTEN}, {@code ESTAB}, ... as ss prints it. */
    public abstract String stateName();

    /** Bytes waiting to be read (ss's Recv-Q). */
    public abstract int recvQueue();

    /** Bytes waiting to be sent or acknowledged (ss's Send-Q; the backlog for listeners). */
    public abstract int sendQueue();

    public int id() {
        return id;
    }

    public String process() {
        return process;
    }

    /** The process ss shows as the owner, or null when the kernel owns the socket (L5: TIME-WAIT). */
    public String owner() {
        return process;
    }

    public int uid() {
        return uid;
    }

    public Host host() {
        return stack.host();
    }

    public HostStack stack() {
        return stack;
    }

    /** The local address and port as getsockname shows them: v4-mapped on an AF_INET6 socket (M10). */
    public Endpoint local() {
        return new Endpoint(AddressSets.shown(family, localIp), localPort);
    }

    /** The peer as getpeername shows it (v4-mapped on an AF_INET6 socket, M10), or null when not connected. */
    public Endpoint remote() {
        return remoteIp == null ? null : new Endpoint(AddressSets.shown(family, remoteIp), remotePort);
    }

    /** An address of a packet as this socket reports it (recvfrom, accept): v4-mapped on AF_INET6 (M10). */
    public Endpoint shown(Endpoint wire) {
        return family == Family.INET6 && !wire.isIpv6() ? new Endpoint(AddressSets.shown(family, wire.ip()), wire.port()) : wire;
    }

    /** The connection's 4-tuple, or null when not connected. */
    public FourTuple tuple() {
        return remoteIp == null ? null : new FourTuple(local(), remote());
    }

    /** The local address in its wire form: IPv4 for an AF_INET6 socket on a v4-mapped address. */
    public IpAddress localIp() {
        return localIp;
    }

    /**
     * The local address for the IPv4 send paths: the wire address, or 0.0.0.0 for a dual-stack
     * {@code [::]} sending IPv4 (the route then picks the source).
     */
    public Ipv4Address localIpv4() {
        return localIp instanceof Ipv4Address a ? a : Ipv4Address.ANY;
    }

    public int localPort() {
        return localPort;
    }

    public boolean isBound() {
        return localPort != 0;
    }

    public boolean isConnected() {
        return remoteIp != null;
    }

    public boolean reuseAddr() {
        return reuseAddr;
    }

    public boolean reusePort() {
        return reusePort;
    }

    public void setReuseAddr(boolean on) {
        reuseAddr = on;
    }

    public void setReusePort(boolean on) {
        reusePort = on;
    }

    public Family family() {
        return family;
    }

    public boolean v6only() {
        return v6only;
    }

    /**
     * Fixes the family right after socket(); an AF_INET6 socket starts with IPV6_V6ONLY as
     * {@code net.ipv6.bindv6only} says (M6).
     */
    public void setFamily(Family f) {
        family = f;
        v6only = f == Family.INET6 && stack.context().bindV6only();
        localIp = unspecified();
    }

    /** The address of an unbound socket: {@code 0.0.0.0} or {@code ::}. */
    IpAddress unspecified() {
        return family == Family.INET6 ? Ipv6Address.ANY : Ipv4Address.ANY;
    }

    /**
     * setsockopt(IPV6_V6ONLY), M6: no such option at the IPv4 level (ENOPROTOOPT); EINVAL once the
     * socket has a local port ({@code inet_num}), the flag unchanged; otherwise set and reset freely.
     */
    public SocketError setV6only(boolean on) {
        if (family != Family.INET6) {
            return SocketError.ENOPROTOOPT;
        }
        if (localPort != 0) {
            return SocketError.EINVAL;
        }
        v6only = on;
        return null;
    }

    /** getpeername(2)'s answer: the peer once connected, else null (ENOTCONN). */
    public Endpoint peerName() {
        return remote();
    }

    /** getsockopt(SO_ERROR): the error waiting to be reported, cleared by the reading; null for none. */
    public SocketError takeSoError() {
        return null;
    }

    public boolean nonblocking() {
        return nonblocking;
    }

    public void setNonblocking(boolean on) {
        nonblocking = on;
    }

    /** SO_LINGER, SO_SNDBUF / SO_RCVBUF, TCP_NODELAY, SO_KEEPALIVE and TCP_KEEP*: set by setsockopt. */
    public SockOptions options() {
        return options;
    }

    /**
     * What poll(2) reports for this socket now, as {@link Readiness} bits (Linux's tcp_poll and
     * udp_poll); the caller keeps those asked for plus ERR and HUP.
     */
    public int pollMask() {
        return 0; // TCP and UDP say what they are ready for
    }

    public TableState tableState() {
        return tableState;
    }

    /** Copies the flags and owner an accepted child inherits from its listener (A3: {@code sk_clone_lock}). */
    protected void inheritFrom(Sock listener) {
        this.reuseAddr = listener.reuseAddr;
        this.reusePort = listener.reusePort;
        this.family = listener.family;
        this.v6only = listener.v6only;
        this.uid = listener.uid;
        this.options.copyFrom(listener.options);
    }

    /**
     * R2: 0.0.0.0 as a destination means this host: the bound address, else 127.0.0.1, as
     * Linux's output route lookup rewrites an empty destination; any other destination is kept.
     */
    public Endpoint destination(Endpoint to) {
        IpAddress ip = AddressSets.wire(to.ip()); // M10: a v4-mapped peer is reached by IPv4
        if (!ip.isWildcard()) {
            return ip == to.ip() ? to : new Endpoint(ip, to.port());
        }
        if (ip instanceof Ipv6Address) {
            // M14: connect()/sendto() to [::] go to [::1] (the BSD'ism of tcp_v6_connect, udpv6_sendmsg)
            return new Endpoint(localIp instanceof Ipv6Address && !localIp.isWildcard() ? localIp : Ipv6Address.LOOPBACK, to.port());
        }
        // M14 for [::ffff:0.0.0.0] as for 0.0.0.0: the bound IPv4 address, else 127.0.0.1
        return new Endpoint(localIp instanceof Ipv4Address && !localIp.isWildcard() ? localIp : Ipv4Address.LOOPBACK, to.port());
    }

    /**
     * The family rules for a destination (connect, sendto), before any route: null when the socket
     * may send there. M13: an AF_INET socket handed an IPv6 address gets EAFNOSUPPORT, and so does
     * an AF_INET6 socket bound to an IPv4 (v4-mapped) address sending IPv6 (K-OUT6). M7: an
     * IPV6_V6ONLY socket (a specific IPv6 bind makes one, M6) cannot reach a v4-mapped peer:
     * ENETUNREACH. An AF_INET6 socket given plain IPv4 uses it as v4-mapped.
     */
    public SocketError familyError(Endpoint to) {
        IpAddress ip = AddressSets.wire(to.ip());
        if (family == Family.INET) {
            return to.isIpv6() ? SocketError.EAFNOSUPPORT : null;
        }
        if (ip instanceof Ipv4Address) {
            return v6only ? SocketError.ENETUNREACH : null;
        }
        if (localIp instanceof Ipv4Address && (isBound() || !localIp.isWildcard())) {
            return SocketError.EAFNOSUPPORT;
        }
        return null;
    }

    /** "tcp 192.168.1.5:80" */
    public String describe() {
        return protocol().label() + " " + local();
    }
}
