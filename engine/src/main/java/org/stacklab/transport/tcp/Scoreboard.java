package org.stacklab.transport.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The sender's SACK scoreboard (RFC 2018, RFC 6675 section 3): which ranges above SND.UNA the
 * peer has reported holding, and what follows for loss recovery: IsLost (more than
 * (DupThresh - 1) * SMSS bytes SACKed above), the pipe (SetPipe), and the next segment to
 * retransmit (NextSeg rule 1). Ranges are sequence numbers, compared relative to SND.UNA, kept
 * sorted and disjoint; a few dozen at most, so a list.
 */
final class Scoreboard {
    /** Sorted, disjoint [start, end) ranges above SND.UNA. */
    private final List<long[]> ranges = new ArrayList<>();
    private long sacked;
    /** RFC 6675 HighRxt: the end of the highest retransmitted range. */
    private long highRxt;
    private boolean rxtValid;

    boolean isEmpty() {
        return ranges.isEmpty();
    }

    long sackedBytes() {
        return sacked;
    }

    List<long[]> ranges() {
        return ranges;
    }

    /**
     * An ACK moved SND.UNA to {@code una} and carried {@code blocks} (start, end pairs); blocks
     * outside (SND.UNA, SND.MAX] are ignored (RFC 2018 section 5: D-SACK and stale reports).
     * Returns true when a block reported new data.
     */
    boolean update(long una, long max, long[] blocks) {
        boolean fresh = false;
        for (int i = 0; blocks != null && i + 1 < blocks.length; i += 2) {
            long s = blocks[i];
            long e = blocks[i + 1];
            if (!Seq.lt(s, e) || Seq.le(e, una) || Seq.gt(e, max)) {
                continue;
            }
            if (Seq.lt(s, una)) {
                s = una;
            }
            fresh |= add(una, s, e);
        }
        trim(una);
        return fresh;
    }

    private boolean add(long una, long s, long e) {
        long before = sacked;
        int i = 0;
        while (i < ranges.size() && Seq.diff(ranges.get(i)[1], una) < Seq.diff(s, una)) {
            i++;
        }
        while (i < ranges.size() && Seq.diff(ranges.get(i)[0], una) <= Seq.diff(e, una)) {
            long[] r = ranges.remove(i);
            sacked -= Seq.diff(r[1], r[0]);
            if (Seq.lt(r[0], s)) {
                s = r[0];
            }
            if (Seq.gt(r[1], e)) {
                e = r[1];
            }
        }
        ranges.add(i, new long[] {s, e});
        sacked += Seq.diff(e, s);
        return sacked > before;
    }

    /** Drops what SND.UNA has passed. */
    private void trim(long una) {
        while (!ranges.isEmpty() && Seq.le(ranges.get(0)[0], una)) {
            long[] r = ranges.get(0);
            if (Seq.le(r[1], una)) {
                ranges.remove(0);
                sacked -= Seq.diff(r[1], r[0]);
            } else {
                sacked -= Seq.diff(una, r[0]);
                r[0] = una;
                break;
            }
        }
        if (rxtValid && Seq.lt(highRxt, una)) {
            highRxt = una;
        }
    }

    /** SND.UNA moved to {@code una} without SACK information. */
    void acked(long una) {
        trim(una);
    }

    /** A timeout: RFC 2018 section 8, the receiver may have discarded what it SACKed, so all is forgotten. */
    void clear() {
        ranges.clear();
        sacked = 0;
        rxtValid = false;
    }

    /** Recovery begins at SND.UNA: nothing retransmitted yet. */
    void startRecovery(long una) {
        highRxt = una;
        rxtValid = true;
    }

    /** The range [seq, end) was retransmitted. */
    void retransmitted(long end) {
        if (!rxtValid || Seq.gt(end, highRxt)) {
            highRxt = end;
            rxtValid = true;
        }
    }

    /**
     * The start of the highest SACKed range with more than {@code 2 * mss} SACKed bytes from it up:
     * every un-SACKed byte below it is lost (RFC 6675 IsLost with DupThresh 3); {@code una} when none.
     */
    long lostBelow(long una, int mss) {
        long acc = 0;
        for (int i = ranges.size() - 1; i >= 0; i--) {
            long[] r = ranges.get(i);
            acc += Seq.diff(r[1], r[0]);
            if (acc > (long) (Congestion.DUPACK_THRESHOLD - 1) * mss) {
                return r[0];
            }
        }
        return una;
    }

    /** RFC 6675 IsLost(SND.UNA): the first un-SACKed segment is lost. */
    boolean firstLost(long una, int mss) {
        return Seq.gt(lostBelow(una, mss), una);
    }

    /** Un-SACKed bytes in [una, to). */
    long unsackedBelow(long una, long to) {
        long n = Math.max(0, Seq.diff(to, una));
        for (long[] r : ranges) {
            if (!Seq.lt(r[0], to)) {
                break;
            }
            long e = Seq.lt(r[1], to) ? r[1] : to;
            n -= Seq.diff(e, r[0]);
        }
        return n;
    }

    /**
     * RFC 6675 SetPipe: un-SACKed bytes in flight that are not lost, plus those retransmitted
     * (counted again, as the RFC does for octets at or below HighRxt).
     */
    long pipe(long una, long max, int mss) {
        long lost = lostBelow(una, mss);
        long out = unsackedBelow(una, max) - unsackedBelow(una, lost);
        if (rxtValid) {
            out += unsackedBelow(una, Seq.lt(highRxt, max) ? highRxt : max);
        }
        return out;
    }

    /**
     * RFC 6675 NextSeg rule 1: the first un-SACKed, lost, not yet retransmitted byte, or -1;
     * {@code len[0]} gets the length of the hole there (up to the next SACKed range).
     */
    long nextLost(long una, int mss, long[] len) {
        long lost = lostBelow(una, mss);
        long at = rxtValid && Seq.gt(highRxt, una) ? highRxt : una;
        for (long[] r : ranges) {
            if (!Seq.lt(at, lost)) {
                return -1;
            }
            if (Seq.lt(at, r[0])) {
                len[0] = Seq.diff(r[0], at);
                return at;
            }
            if (Seq.lt(at, r[1])) {
                at = r[1];
            }
        }
        return -1;
    }

    /** The end of the SACKed range holding {@code seq}, or {@code seq} when it is not SACKed. */
    long skipSacked(long seq) {
        for (long[] r : ranges) {
            if (Seq.le(r[0], seq) && Seq.lt(seq, r[1])) {
                return r[1];
            }
        }
        return seq;
    }
}
