package org.stacklab.transport;

import org.stacklab.sim.SimRandom;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.IpAddress;

/**
 * Ephemeral port choice, after Linux (docs/port-table.md E1-E6): random starting points drawn from
 * the run's seed, the range from the scenario. With the default range, TCP {@code bind(0)} and
 * {@code listen()} pick odd ports and {@code connect()} even ones.
 */
final class Ephemeral {
    private final PortTable table;
    private final HostStack stack;
    /** RFC 6056 algorithm 4's perturbation table, as in {@code __inet_hash_connect}. */
    private final int[] perturb = new int[256];

    Ephemeral(PortTable table, HostStack stack) {
        this.table = table;
        this.stack = stack;
    }

    /**
     * E3 ({@code inet_csk_find_open_port}): a random start, ports of the parity opposite to the
     * range's low end first; with SO_REUSEADDR the lower half of the range is tried first. A
     * port is taken only if no holder overlaps at all: the kernel checks with relax and
     * reuseport_ok false, so the flags never let an automatic bind share. Returns -1 when every
     * port is taken.
     */
    int forTcpBind(Sock s, IpAddress ip) {
        int attemptHalf = s.reuseAddr ? 1 : 0;
        while (true) {
            int low = stack.ephemeralLow();
            int high = stack.ephemeralHigh() + 1;
            if (high - low < 4) {
                attemptHalf = 0;
            }
            if (attemptHalf != 0) {
                int half = low + (((high - low) >> 2) << 1);
                if (attemptHalf == 1) {
                    high = half;
                } else {
                    low = half;
                }
            }
            int remaining = high - low;
            if (remaining > 1) {
                remaining &= ~1;
            }
            int offset = stack.random().nextInt(Math.max(1, remaining)) | 1;
            for (int pass = 0; pass < 2; pass++) {
                int port = low + offset;
                for (int i = 0; i < remaining; i += 2, port += 2) {
                    if (port >= high) {
                        port -= remaining;
                    }
                    if (!table.overlapsAny(s, ip, port)) {
                        return port;
                    }
                }
                offset--;
                if ((offset & 1) != 0) {
                    break;
                }
            }
            if (attemptHalf != 1) {
                return -1;
            }
            attemptHalf = 2;
        }
    }

    /**
     * E4 ({@code __inet_hash_connect}): an offset from a keyed hash of (source, destination,
     * destination port) plus a perturbation, ports of the range's low parity first. A port is
     * eligible when free, or when its bind bucket is connect()'s own (no bind() joined it) and
     * the 4-tuple is new. Returns -1 when none is (EADDRNOTAVAIL).
     */
    int forConnect(Sock s, IpAddress src, Endpoint remote) {
        int low = stack.ephemeralLow();
        int high = stack.ephemeralHigh() + 1;
        int remaining = high - low;
        if (remaining > 1) {
            remaining &= ~1;
        }
        long portOffset = SimRandom.mix(stack.portSecret(),
                ((long) AddressSets.fold(src) << 32) ^ ((long) AddressSets.fold(remote.ip()) << 16) ^ remote.port());
        int index = (int) (portOffset & (perturb.length - 1));
        int offset = (int) Long.remainderUnsigned((perturb[index] & 0xFFFFFFFFL) + (portOffset >>> 32), remaining);
        offset &= ~1;
        while (true) {
            int port = low + offset;
            for (int i = 0; i < remaining; i += 2, port += 2) {
                if (port >= high) {
                    port -= remaining;
                }
                if (!table.portInUse(port)
                        || (table.connectMayShare(port) && !table.tupleInUse(src, port, remote))) {
                    perturb[index] += i + 2;
                    return port;
                }
            }
            offset++;
            if ((offset & 1) == 0 || remaining <= 1) {
                return -1;
            }
        }
    }

    /** E6 ({@code udp_lib_get_port}): a random start over the whole range, no parity preference. */
    int forUdp(Sock s, IpAddress ip) {
        int low = stack.ephemeralLow();
        int size = stack.ephemeralHigh() - low + 1;
        int start = stack.random().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = low + (start + i) % size;
            if (table.conflict(s, ip, port) == null) {
                return port;
            }
        }
        return -1;
    }
}
