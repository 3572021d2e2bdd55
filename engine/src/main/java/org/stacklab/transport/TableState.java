package org.stacklab.transport;

/** What the port table needs to know of a socket's state to apply the bind rules. */
public enum TableState {
    /** Not in the table: no port yet, or closed. */
    UNBOUND,
    /** Holds a port; not listening, not connected. */
    BOUND,
    /** A TCP listener (in the listen table). */
    LISTEN,
    /** A TCP connection (or a connected UDP socket): in the established table with its 4-tuple. */
    CONNECTED,
    /** A TCP connection in TIME-WAIT: still holds its port and 4-tuple (docs/port-table.md L2). */
    TIME_WAIT
}
