package org.stacklab.transport;

/**
 * The rule of the demux cascade that chose a socket; {@link #label()} is the {@code rule} key in
 * trace.jsonl, {@link #ref()} the section of docs/port-table.md it implements.
 */
public enum Rule {
    ESTABLISHED("established", "I1", "established connection (exact 4-tuple)"),
    SPECIFIC_LISTENER("specific-listener", "I2", "listener on the destination address"),
    WILDCARD_LISTENER("wildcard-listener", "I2", "wildcard listener"),
    UDP_CONNECTED("connected", "J2", "connected socket whose peer is the sender"),
    UDP_SPECIFIC("specific-bound", "J1", "socket bound to the destination address"),
    UDP_WILDCARD("wildcard-bound", "J1", "socket bound to 0.0.0.0"),
    ICMP_ERROR("icmp-error", "K3", "the socket that sent the datagram the error quotes");

    private final String label;
    private final String ref;
    private final String description;

    Rule(String label, String ref, String description) {
        this.label = label;
        this.ref = ref;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String ref() {
        return ref;
    }

    public String description() {
        return description;
    }
}
