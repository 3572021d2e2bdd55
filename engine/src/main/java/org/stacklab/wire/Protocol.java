package org.stacklab.wire;

/** The IPv4 protocols StackLab models, with their IANA protocol numbers. */
public enum Protocol {
    ICMP(1, "icmp"),
    TCP(6, "tcp"),
    UDP(17, "udp");

    private final int number;
    private final String label;

    Protocol(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    /** Lower-case name as used in reports: {@code tcp}, {@code udp}, {@code icmp}. */
    public String label() {
        return label;
    }
}
