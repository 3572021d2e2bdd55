package org.stacklab.bridge.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stacklab.bridge.Differential;
import org.stacklab.bridge.Differential.Kind;

/**
 * Random call sequences for the differential harness: 8 to 30 calls, each by one of the three
 * processes (a1, a2 on host a, b1 on host b), its kind drawn with the weights the developers'
 * property uses (binds and sendto often, listen rarely), its socket, address, port and two flags
 * uniformly. Try {@code n} of seed {@code s} is always the same sequence.
 */
public final class Generator {
    static final int MIN_CALLS = 8;
    static final int MAX_CALLS = 30;
    private static final Kind[] KINDS = {Kind.SOCKET, Kind.SETOPT, Kind.BIND, Kind.LISTEN, Kind.CONNECT, Kind.SEND,
        Kind.SENDTO, Kind.RECV, Kind.CLOSE};
    private static final int[] WEIGHTS = {4, 3, 7, 1, 2, 2, 5, 4, 2};

    private Generator() {}

    /** The sequence of try {@code n} (from 0) of seed {@code seed}. */
    public static List<Differential.Op> sequence(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + n);
        int size = MIN_CALLS + r.nextInt(MAX_CALLS - MIN_CALLS + 1);
        List<Differential.Op> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ops.add(new Differential.Op(r.nextInt(3), kind(r), r.nextInt(4), r.nextInt(3), r.nextInt(5), r.nextBoolean(),
                    r.nextBoolean()));
        }
        return ops;
    }

    private static Kind kind(SplittableRandom r) {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < KINDS.length; i++) {
            x -= WEIGHTS[i];
            if (x < 0) {
                return KINDS[i];
            }
        }
        throw new IllegalStateException("weights");
    }
}
