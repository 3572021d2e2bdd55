package org.stacklab.transport;

import org.stacklab.net.Host;
import org.stacklab.trace.TraceEvent;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.FourTuple;
import org.stacklab.wire.IcmpMessage;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv4Packet;
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
    Ipv4Address localIp = Ipv4Address.ANY;
    int localPort;
    Ipv4Address remoteIp;
    int remotePort;
    boolean reuseAddr;
    boolean reusePort;
    /** O_NONBLOCK: calls that would wait fail at once (EAGAIN; EINPROGRESS for connect). */
    private boolean nonblocking;
    TableState tableState = TableState.UNBOUND;
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
    public boolean accepts(Ipv4Packet p) {
        return true;
    }

    /**
     * Takes a packet the table matched to this socket. The socket ends the packet's accounting:
     * {@link Host#delivered} (passing {@code how} on) or {@link Host#drop}.
     */
    public abstract void receive(Ipv4Packet p, TraceEvent.Delivery how);

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

    public Endpoint local() {
        return new Endpoint(localIp, localPort);
    }

    /** The peer, or null when not connected. */
    public Endpoint remote() {
        return remoteIp == null ? null : new Endpoint(remoteIp, remotePort);
    }

    /** The connection's 4-tuple, or null when not connected. */
    public FourTuple tuple() {
        return remoteIp == null ? null : new FourTuple(local(), remote());
    }

    public Ipv4Address localIp() {
        return localIp;
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

    public TableState tableState() {
        return tableState;
    }

    /** Copies the flags and owner an accepted child inherits from its listener (A3: {@code sk_clone_lock}). */
    protected void inheritFrom(Sock listener) {
        this.reuseAddr = listener.reuseAddr;
        this.reusePort = listener.reusePort;
        this.uid = listener.uid;
    }

    /**
     * R2: 0.0.0.0 as a destination means this host: the bound address, else 127.0.0.1, as
     * Linux's output route lookup rewrites an empty destination; any other destination is kept.
     */
    public Endpoint destination(Endpoint to) {
        if (!to.ip().isWildcard()) {
            return to;
        }
        return new Endpoint(localIp.isWildcard() ? Ipv4Address.LOOPBACK : localIp, to.port());
    }

    /** "tcp 192.168.1.5:80" */
    public String describe() {
        return protocol().label() + " " + local();
    }
}
