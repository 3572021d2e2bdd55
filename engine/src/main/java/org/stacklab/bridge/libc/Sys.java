package org.stacklab.bridge.libc;

import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * The real socket calls, one system call each, on non-blocking IPv4 descriptors. A result below
 * zero is minus the errno the kernel set ({@code -EAGAIN} when a call would block), so a caller
 * can tell every answer of the kernel apart and nothing is translated on the way.
 */
public final class Sys {
    private static final String UNAVAILABLE = probe();

    private Sys() {}

    private static String probe() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return "the real side needs Linux (this is " + System.getProperty("os.name") + ")";
        }
        try {
            if (Native.LONG_SIZE != 8) {
                return "the real side needs a 64-bit Linux";
            }
            Libc.getpid();
            return null;
        } catch (LinkageError | RuntimeException e) {
            return "libc could not be loaded through JNA: " + e.getMessage();
        }
    }

    /** Why real calls cannot be made here, or null when they can. */
    public static String unavailable() {
        return UNAVAILABLE;
    }

    private static int err() {
        return -Native.getLastError();
    }

    private static int check(int r) {
        return r < 0 ? err() : r;
    }

    private static long check(long r) {
        return r < 0 ? err() : r;
    }

    /** A new non-blocking IPv4 socket (O_NONBLOCK set with fcntl), or -errno. */
    public static int socket(boolean stream) {
        return socket(stream, false);
    }

    /** A new non-blocking socket, AF_INET6 when {@code inet6} (O_NONBLOCK set with fcntl), or -errno. */
    public static int socket(boolean stream, boolean inet6) {
        int fd = Libc.socket(inet6 ? Libc.AF_INET6 : Libc.AF_INET, stream ? Libc.SOCK_STREAM : Libc.SOCK_DGRAM, 0);
        if (fd < 0) {
            return err();
        }
        int nb = nonBlocking(fd);
        if (nb < 0) {
            Libc.close(fd);
            return nb;
        }
        return fd;
    }

    private static int nonBlocking(int fd) {
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0) {
            return err();
        }
        return check(Libc.fcntl(fd, Libc.F_SETFL, flags | Libc.O_NONBLOCK));
    }

    /** Clears or sets O_NONBLOCK (fcntl): a blocking call is made where the kernel's blocking path differs. */
    public static int blocking(int fd, boolean on) {
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0) {
            return err();
        }
        return check(Libc.fcntl(fd, Libc.F_SETFL, on ? flags & ~Libc.O_NONBLOCK : flags | Libc.O_NONBLOCK));
    }

    /** setsockopt(SO_SNDTIMEO): how long a blocking connect or send waits (at least 1 ms). */
    public static int sendTimeout(int fd, long ms) {
        long m = Math.max(1, ms);
        return check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDTIMEO, new long[] {m / 1000, (m % 1000) * 1000}, 16));
    }

    /** setsockopt(SOL_SOCKET, SO_REUSEADDR or SO_REUSEPORT, on). */
    public static int reuse(int fd, boolean port, boolean on) {
        return check(Libc.setsockopt(fd, Libc.SOL_SOCKET, port ? Libc.SO_REUSEPORT : Libc.SO_REUSEADDR,
                new int[] {on ? 1 : 0}, 4));
    }

    /** setsockopt(SO_LINGER, {on, 0}): the next close resets the connection (no TIME-WAIT). */
    public static int lingerZero(int fd) {
        return check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_LINGER, new int[] {1, 0}, 8));
    }

    /** SO_LINGER {on, seconds}. */
    public static int linger(int fd, int seconds) {
        return check(Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_LINGER, new int[] {1, seconds}, 8));
    }

    /** The options of the second wave by name: sndbuf, rcvbuf, keepalive (SOL_SOCKET); nodelay, keepidle, keepintvl, keepcnt (IPPROTO_TCP). */
    public static int option(int fd, String name, int value) {
        int level = switch (name) {
            case "sndbuf", "rcvbuf", "keepalive" -> Libc.SOL_SOCKET;
            default -> 6; // IPPROTO_TCP
        };
        int opt = switch (name) {
            case "sndbuf" -> 7; // SO_SNDBUF
            case "rcvbuf" -> 8; // SO_RCVBUF
            case "keepalive" -> 9; // SO_KEEPALIVE
            case "nodelay" -> 1; // TCP_NODELAY
            case "keepidle" -> 4; // TCP_KEEPIDLE
            case "keepintvl" -> 5; // TCP_KEEPINTVL
            case "keepcnt" -> 6; // TCP_KEEPCNT
            default -> throw new IllegalArgumentException("no option " + name);
        };
        return check(Libc.setsockopt(fd, level, opt, new int[] {value}, 4));
    }

    /** connect(AF_UNSPEC): a UDP socket forgets its peer, a TCP connection is aborted. */
    public static int disconnect(int fd) {
        byte[] a = new byte[16]; // sa_family 0 = AF_UNSPEC
        return check(Libc.connect(fd, a, a.length));
    }

    /** getsockopt(SO_ERROR): the pending error (0 for none), cleared by reading, or -errno. */
    public static int pendingError(int fd) {
        int[] v = new int[1];
        int r = Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, v, new int[] {4});
        return r < 0 ? err() : v[0];
    }

    /** setsockopt(IPPROTO_IPV6, IPV6_V6ONLY): 0 or -errno (ENOPROTOOPT on AF_INET, EINVAL once bound). */
    public static int v6only(int fd, boolean on) {
        return check(Libc.setsockopt(fd, Libc.IPPROTO_IPV6, Libc.IPV6_V6ONLY, new int[] {on ? 1 : 0}, 4));
    }

    public static int bind(int fd, Endpoint e) {
        byte[] a = sockaddr(e);
        return check(Libc.bind(fd, a, a.length));
    }

    public static int listen(int fd, int backlog) {
        return check(Libc.listen(fd, backlog));
    }

    /** accept(2): the new descriptor (made non-blocking) and its peer in {@code peer[0]}, or -errno. */
    public static int accept(int fd, Endpoint[] peer) {
        byte[] a = new byte[SOCKADDR_MAX];
        int[] len = {SOCKADDR_MAX};
        int c = Libc.accept(fd, a, len);
        if (c < 0) {
            return err();
        }
        int nb = nonBlocking(c);
        if (nb < 0) {
            Libc.close(c);
            return nb;
        }
        peer[0] = endpoint(a);
        return c;
    }

    /** connect(2): 0, or -EINPROGRESS while a stream connection is being made, or -errno. */
    public static int connect(int fd, Endpoint e) {
        byte[] a = sockaddr(e);
        return check(Libc.connect(fd, a, a.length));
    }

    /** send(2), or sendto(2) when {@code to} is not null, never raising SIGPIPE: bytes sent or -errno. */
    public static long send(int fd, byte[] data, Endpoint to) {
        int flags = Libc.MSG_DONTWAIT | Libc.MSG_NOSIGNAL;
        if (to == null) {
            return check(Libc.send(fd, data, data.length, flags));
        }
        byte[] a = sockaddr(to);
        return check(Libc.sendto(fd, data, data.length, flags, a, a.length));
    }

    /** What recvfrom(2) gave: {@code n} bytes (0 at end of stream) from {@code from} (null when the kernel gave no address), or n = -errno. */
    public record Received(long n, byte[] data, Endpoint from) {}

    public static Received recvFrom(int fd, int max) {
        return recvFrom(fd, max, 0);
    }

    /** recvfrom(2) with extra MSG_ flags (peek 2, trunc 0x20); never blocking. */
    public static Received recvFrom(int fd, int max, int flags) {
        byte[] buf = new byte[Math.max(0, max)];
        byte[] a = new byte[SOCKADDR_MAX];
        int[] len = {SOCKADDR_MAX};
        long n = Libc.recvfrom(fd, buf, buf.length, Libc.MSG_DONTWAIT | (flags & 0x22), a, len);
        if (n < 0) {
            return new Received(err(), null, null);
        }
        return new Received(n, Arrays.copyOf(buf, (int) Math.min(n, buf.length)), len[0] >= 8 ? endpoint(a) : null);
    }

    /** shutdown(2); {@code how}: 0 read, 1 write, 2 both. */
    public static int shutdown(int fd, int how) {
        return check(Libc.shutdown(fd, how));
    }

    public static int close(int fd) {
        return check(Libc.close(fd));
    }

    /** getsockname(2) or getpeername(2) into {@code out[0]}: 0 or -errno. */
    public static int name(int fd, boolean peer, Endpoint[] out) {
        byte[] a = new byte[SOCKADDR_MAX];
        int[] len = {SOCKADDR_MAX};
        int r = peer ? Libc.getpeername(fd, a, len) : Libc.getsockname(fd, a, len);
        if (r < 0) {
            return err();
        }
        out[0] = endpoint(a);
        return 0;
    }

    /**
     * poll(2) on {@code fds} for {@code events} (POLLIN 1, POLLOUT 4); {@code revents} gets what
     * happened. Returns how many are ready, or -errno (EINTR included).
     */
    public static int poll(int[] fds, short[] events, short[] revents, int n, int timeoutMs) {
        ByteBuffer b = ByteBuffer.allocate(8 * Math.max(1, n)).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            b.putInt(8 * i, fds[i]).putShort(8 * i + 4, events[i]).putShort(8 * i + 6, (short) 0);
        }
        byte[] arr = b.array();
        int r = Libc.poll(arr, n, timeoutMs);
        if (r < 0) {
            return err();
        }
        ByteBuffer back = ByteBuffer.wrap(arr).order(ByteOrder.nativeOrder());
        for (int i = 0; i < n; i++) {
            revents[i] = back.getShort(8 * i + 6);
        }
        return r;
    }

    public static final short POLLIN = Libc.POLLIN;
    public static final short POLLOUT = Libc.POLLOUT;

    /** pipe(2), both ends non-blocking: {read, write}, or null. */
    public static int[] pipe() {
        int[] p = new int[2];
        if (Libc.pipe(p) < 0) {
            return null;
        }
        nonBlocking(p[0]);
        nonBlocking(p[1]);
        return p;
    }

    /** Writes one byte to a pipe (a wake-up); a full pipe is awake already. */
    public static void poke(int fd) {
        Libc.write(fd, new byte[] {1}, 1);
    }

    /** Empties a pipe's read end. */
    public static void drain(int fd) {
        byte[] b = new byte[64];
        while (Libc.read(fd, b, b.length) > 0) {
            // keep reading until it would block
        }
    }

    /**
     * Moves the calling thread into a network namespace of its own and brings its {@code lo} up
     * (SIOCSIFFLAGS); sockets this thread opens afterwards live there. Needs CAP_SYS_ADMIN (root):
     * a multi-threaded process cannot make a user namespace. Null when done, else why not.
     */
    public static String privateNetwork() {
        if (Libc.unshare(Libc.CLONE_NEWNET) < 0) {
            int e = Native.getLastError();
            return e == 1 ? "a network namespace of its own needs root (CAP_SYS_ADMIN)" : "unshare(CLONE_NEWNET): errno " + e;
        }
        int fd = Libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM, 0);
        if (fd < 0) {
            return "socket in the new namespace: errno " + Native.getLastError();
        }
        try {
            byte[] ifr = new byte[40];
            ifr[0] = 'l';
            ifr[1] = 'o';
            if (Libc.ioctl(fd, Libc.SIOCGIFFLAGS, ifr) < 0) {
                return "SIOCGIFFLAGS lo: errno " + Native.getLastError();
            }
            ifr[16] |= 1; // IFF_UP, in the low byte of ifr_flags (little- or big-endian: byte order matters)
            if (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN) {
                ifr[16] &= ~1;
                ifr[17] |= 1;
            }
            if (Libc.ioctl(fd, Libc.SIOCSIFFLAGS, ifr) < 0) {
                return "SIOCSIFFLAGS lo up: errno " + Native.getLastError();
            }
            return null;
        } finally {
            Libc.close(fd);
        }
    }

    /** A descriptor for the network namespace file {@code path} (/run/netns/NAME), or -errno. */
    public static int openNamespace(String path) {
        return check(Libc.open(path, Libc.O_RDONLY_CLOEXEC));
    }

    /**
     * Moves the calling thread into the network namespace of descriptor {@code fd} (from
     * {@link #openNamespace}): sockets it opens afterwards live there; sockets opened before keep
     * theirs. 0, or -errno (EPERM without CAP_SYS_ADMIN).
     */
    public static int enterNamespace(int fd) {
        return check(Libc.setns(fd, Libc.CLONE_NEWNET));
    }

    /** sizeof(struct sockaddr_in6): room for an address of either family. */
    static final int SOCKADDR_MAX = 28;

    /**
     * struct sockaddr_in (16 bytes) or, for an IPv6 address, struct sockaddr_in6 (28 bytes: family,
     * port, flow info 0, the 16 address bytes, scope id 0).
     */
    static byte[] sockaddr(Endpoint e) {
        if (e.isIpv6()) {
            byte[] a = new byte[SOCKADDR_MAX];
            ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort(0, (short) Libc.AF_INET6);
            a[2] = (byte) (e.port() >>> 8);
            a[3] = (byte) e.port();
            System.arraycopy(e.ip().toBytes(), 0, a, 8, 16);
            return a;
        }
        byte[] a = new byte[16];
        ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).putShort(0, (short) Libc.AF_INET);
        a[2] = (byte) (e.port() >>> 8);
        a[3] = (byte) e.port();
        System.arraycopy(e.ip().toBytes(), 0, a, 4, 4);
        return a;
    }

    static Endpoint endpoint(byte[] a) {
        int port = ((a[2] & 0xFF) << 8) | (a[3] & 0xFF);
        if (ByteBuffer.wrap(a).order(ByteOrder.nativeOrder()).getShort(0) == Libc.AF_INET6) {
            long hi = ByteBuffer.wrap(a, 8, 8).getLong();
            long lo = ByteBuffer.wrap(a, 16, 8).getLong();
            return new Endpoint(new org.stacklab.wire.Ipv6Address(hi, lo), port);
        }
        int bits = ((a[4] & 0xFF) << 24) | ((a[5] & 0xFF) << 16) | ((a[6] & 0xFF) << 8) | (a[7] & 0xFF);
        return new Endpoint(new Ipv4Address(bits), port);
    }
}
