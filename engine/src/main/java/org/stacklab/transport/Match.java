package org.stacklab.transport;

/**
 * The result of a demux lookup: the socket, the rule that chose it, and, when a REUSEPORT group
 * or SO_REUSEADDR duplicates shared the address, how the one socket was picked.
 *
 * @param groupSize members of the REUSEPORT group (0 when none)
 * @param duplicates sockets that tied on score and lost to the newest one (C6)
 */
public record Match(Sock sock, Rule rule, int groupSize, int duplicates) {
    static Match of(Sock s, Rule r) {
        return new Match(s, r, 0, 0);
    }
}
