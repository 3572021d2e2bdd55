package org.stacklab.net.filter;

import org.stacklab.sim.SimRandom;
import org.stacklab.wire.Endpoint;

/**
 * Which source a source-NATed flow gets (Linux's get_unique_tuple, nf_nat_core.c): the mapping
 * its source already has (NF5), else its own port when free (NF1, NF7), else a port of the
 * range, or of the original port's class (NF4), from a random start; null when none is free
 * (the packet is dropped, NF7).
 */
final class SourcePorts {
    /** NF_NAT_MAX_ATTEMPTS. */
    static final int MAX_ATTEMPTS = 128;

    private SourcePorts() {}

    static Endpoint choose(Conntrack ct, Flow f, NatRule.Snat rule, SimRandom rnd, long now) {
        Tuple orig = f.orig;
        for (Flow other : ct.sameSource(orig, now)) {
            Endpoint mapped = other.reply.destination();
            if (mapped.ip().equals(rule.to()) && inRange(rule, mapped.port()) && free(ct, f, mapped, now)) {
                return mapped; // find_appropriate_src: the same mapping, when unique for this destination
            }
        }
        Endpoint same = new Endpoint(rule.to(), orig.sport());
        if (inRange(rule, orig.sport()) && free(ct, f, same, now)) {
            return same; // "only bother mapping if it's not already in range and unique"
        }
        int min;
        int size;
        if (rule.hasRange()) {
            min = rule.lo();
            size = rule.hi() - rule.lo() + 1;
        } else {
            int[] cls = portClass(orig.sport());
            min = cls[0];
            size = cls[1];
        }
        int off = rnd.nextInt(65536);
        int attempts = Math.min(size, MAX_ATTEMPTS);
        while (true) {
            for (int i = 0; i < attempts; i++, off++) {
                Endpoint e = new Endpoint(rule.to(), min + Integer.remainderUnsigned(off, size));
                if (free(ct, f, e, now)) {
                    return e;
                }
            }
            if (attempts >= size || attempts < 16) {
                return null;
            }
            attempts /= 2;
            off = rnd.nextInt(65536);
        }
    }

    /** nf_nat_l4proto_unique_tuple without a range: {min, size} of the class of {@code port} (NF4). */
    static int[] portClass(int port) {
        if (port < 512) {
            return new int[] {1, 511};
        }
        if (port < 1024) {
            return new int[] {600, 1023 - 600 + 1};
        }
        return new int[] {1024, 65535 - 1024 + 1};
    }

    private static boolean inRange(NatRule.Snat rule, int port) {
        return !rule.hasRange() || (port >= rule.lo() && port <= rule.hi());
    }

    /** Whether the flow's reply tuple, with {@code src} as its translated source, clashes with none (NF2). */
    private static boolean free(Conntrack ct, Flow f, Endpoint src, long now) {
        Tuple reply = f.reply.withDestination(src);
        return !ct.taken(reply, now);
    }
}
