package org.stacklab.bridge.libc;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * libc's socket functions, bound directly through JNA (direct mapping: one native method each).
 * Every function returns what C returns; after a -1, {@link Native#getLastError()} reads errno as
 * the kernel set it (JNA saves it right after the call, on the calling thread). Linux's generic
 * ABI (x86-64 and arm64 share these constants); {@link Sys#unavailable()} says when it cannot load.
 */
final class Libc {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int SO_SNDTIMEO = 21;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 04000;
    static final int CLONE_NEWNET = 0x40000000;
    static final int O_RDONLY_CLOEXEC = 02000000;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native int socket(int domain, int type, int protocol);

    static native int setsockopt(int fd, int level, int name, int[] value, int len);

    /** setsockopt with a struct timeval (two longs on 64-bit Linux). */
    static native int setsockopt(int fd, int level, int name, long[] value, int len);

    static native int getsockopt(int fd, int level, int name, int[] value, int[] len);

    static native int bind(int fd, byte[] addr, int len);

    static native int listen(int fd, int backlog);

    static native int accept(int fd, byte[] addr, int[] len);

    static native int connect(int fd, byte[] addr, int len);

    static native long send(int fd, byte[] buf, long len, int flags);

    static native long recv(int fd, byte[] buf, long len, int flags);

    static native long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int alen);

    static native long recvfrom(int fd, byte[] buf, long len, int flags, byte[] addr, int[] alen);

    static native int shutdown(int fd, int how);

    static native int close(int fd);

    static native int getsockname(int fd, byte[] addr, int[] len);

    static native int getpeername(int fd, byte[] addr, int[] len);

    /** {@code fds}: struct pollfd[] in native byte order (int fd; short events; short revents). */
    static native int poll(byte[] fds, long nfds, int timeoutMs);

    /** fcntl(2) with an int argument (F_GETFL ignores it). */
    static native int fcntl(int fd, int cmd, int arg);

    static native int pipe(int[] fds);

    static native int getpid();

    /** unshare(2) of the calling thread (CLONE_NEWNET: the network namespace is per thread). */
    static native int unshare(int flags);

    /** open(2) (a namespace file: O_RDONLY | O_CLOEXEC). */
    static native int open(String path, int flags);

    /** setns(2) of the calling thread (CLONE_NEWNET: only its network namespace changes). */
    static native int setns(int fd, int nstype);

    /** ioctl(2) with a pointer argument (struct ifreq). */
    static native int ioctl(int fd, long request, byte[] arg);

    static native long write(int fd, byte[] buf, long len);

    static native long read(int fd, byte[] buf, long len);
}
