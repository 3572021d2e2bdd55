package org.stacklab.transport;

import org.stacklab.sim.SimTime;

/**
 * The options a program sets with setsockopt beyond the port table's flags, with Linux's defaults
 * and Linux's arithmetic: SO_SNDBUF and SO_RCVBUF are doubled (socket(7): room for the kernel's
 * bookkeeping) and raised to their minimums, as getsockopt would then report them (rule S6).
 */
public final class SockOptions {
    /** net.core.wmem_max and rmem_max: the largest value setsockopt takes before doubling. */
    public static final int BUF_MAX = 212_992;
    /** SOCK_MIN_SNDBUF and SOCK_MIN_RCVBUF on x86-64 Linux 6.18 (measured: 4608 and 2304). */
    public static final int MIN_SNDBUF = 4608;
    public static final int MIN_RCVBUF = 2304;
    /** tcp_keepalive_time, tcp_keepalive_intvl, tcp_keepalive_probes: 2 h, 75 s, 9. */
    public static final long KEEPIDLE = 7200 * SimTime.S;
    public static final long KEEPINTVL = 75 * SimTime.S;
    public static final int KEEPCNT = 9;

    private long lingerNs = -1;
    private int sndbuf;
    private int rcvbuf;
    private boolean nodelay;
    private boolean keepalive;
    private long keepIdle = KEEPIDLE;
    private long keepIntvl = KEEPINTVL;
    private int keepCnt = KEEPCNT;

    /** SO_LINGER's time in nanoseconds, or -1 when lingering is off (the default). */
    public long lingerNs() {
        return lingerNs;
    }

    public void setLinger(long ns) {
        lingerNs = ns;
    }

    /** SO_SNDBUF as getsockopt reports it (doubled), or 0 when never set: the protocol's default applies. */
    public int sndbuf() {
        return sndbuf;
    }

    /** setsockopt(SO_SNDBUF, given): {@code max(2 * min(given, wmem_max), SOCK_MIN_SNDBUF)}. */
    public void setSndbuf(int given) {
        sndbuf = Math.max(2 * Math.min(given, BUF_MAX), MIN_SNDBUF);
    }

    /** SO_RCVBUF as getsockopt reports it (doubled), or 0 when never set. */
    public int rcvbuf() {
        return rcvbuf;
    }

    public void setRcvbuf(int given) {
        rcvbuf = Math.max(2 * Math.min(given, BUF_MAX), MIN_RCVBUF);
    }

    public boolean nodelay() {
        return nodelay;
    }

    public void setNodelay(boolean on) {
        nodelay = on;
    }

    public boolean keepalive() {
        return keepalive;
    }

    public void setKeepalive(boolean on) {
        keepalive = on;
    }

    public long keepIdle() {
        return keepIdle;
    }

    public void setKeepIdle(long ns) {
        keepIdle = ns;
    }

    public long keepIntvl() {
        return keepIntvl;
    }

    public void setKeepIntvl(long ns) {
        keepIntvl = ns;
    }

    public int keepCnt() {
        return keepCnt;
    }

    public void setKeepCnt(int n) {
        keepCnt = n;
    }

    /** Copies what an accepted child inherits from its listener (sk_clone_lock copies the sock). */
    public void copyFrom(SockOptions o) {
        lingerNs = o.lingerNs;
        sndbuf = o.sndbuf;
        rcvbuf = o.rcvbuf;
        nodelay = o.nodelay;
        keepalive = o.keepalive;
        keepIdle = o.keepIdle;
        keepIntvl = o.keepIntvl;
        keepCnt = o.keepCnt;
    }
}
