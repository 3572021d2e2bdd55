package org.stacklab.transport;

import java.util.List;

/** The flags of recv(2) and send(2) the scenario format knows, with Linux's values. */
public final class MsgFlags {
    private MsgFlags() {}

    /** MSG_PEEK: return the data but leave it queued. */
    public static final int PEEK = 0x2;
    /** MSG_TRUNC: UDP: return the datagram's real length even when it is longer than the buffer. */
    public static final int TRUNC = 0x20;
    /** MSG_DONTWAIT: this call does not block, as if O_NONBLOCK were set. */
    public static final int DONTWAIT = 0x40;
    /** MSG_WAITALL: TCP: wait for the whole request (or end of stream, or an error). */
    public static final int WAITALL = 0x100;

    public static final List<String> RECV_NAMES = List.of("peek", "waitall", "dontwait", "trunc");
    public static final List<String> SEND_NAMES = List.of("dontwait");

    /** The value of a flag's name, or 0 for an unknown one. */
    public static int of(String name) {
        return switch (name) {
            case "peek" -> PEEK;
            case "trunc" -> TRUNC;
            case "dontwait" -> DONTWAIT;
            case "waitall" -> WAITALL;
            default -> 0;
        };
    }

    /** The names of the flags set in {@code flags}, in the order of {@link #RECV_NAMES}. */
    public static List<String> names(int flags) {
        return RECV_NAMES.stream().filter(n -> (flags & of(n)) != 0).toList();
    }
}
