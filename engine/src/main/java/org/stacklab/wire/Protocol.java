package org.stacklab.wire;

/** The IP protocols StackLab models, with their IANA protocol (IPv4) and next header (IPv6) numbers. */
public enum Protocol {
    ICMP(1, "icmp"),
    TCP(6, "tcp"),
    UDP(17, "udp"),
    /** ICMP for IPv6 (RFC 4443), next header 58. */
    ICMPV6(58, "icmp6");

    private final int number;
    private final String label;

    Protocol(int number, String label) {
        this.number = number;
        this.label = label;
    }

    public int number() {
        return number;
    }

    /** Lower-case name as used in reports: {@code tcp}, {@code udp}, {@code icmp}, {@code icmp6}. */
    public String label() {
        return label;
    }

    /** ICMP of either family. */
    public boolean isIcmp() {
        return this == ICMP || this == ICMPV6;
    }
}
