package org.stacklab.wire;

/** TCP header flag bits and their tcpdump spelling ({@code S}, {@code S.}, {@code P.}, {@code F.}, {@code R}). */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private TcpFlags() {}

    public static boolean has(int flags, int bit) {
        return (flags & bit) != 0;
    }

    /** tcpdump's letters: S F R P, then '.' for ACK; "none" when no flag is set. */
    public static String format(int flags) {
        StringBuilder sb = new StringBuilder(4);
        if (has(flags, SYN)) {
            sb.append('S');
        }
        if (has(flags, FIN)) {
            sb.append('F');
        }
        if (has(flags, RST)) {
            sb.append('R');
        }
        if (has(flags, PSH)) {
            sb.append('P');
        }
        if (has(flags, ACK)) {
            sb.append('.');
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
