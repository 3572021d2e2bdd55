package org.stacklab.transport;

/**
 * A socket's address family, fixed when it is created: {@code AF_INET} sees IPv4 only; {@code AF_INET6}
 * sees IPv6 and, unless IPV6_V6ONLY, IPv4 as v4-mapped addresses (docs/port-table.md M4).
 */
public enum Family {
    INET("inet", "AF_INET"),
    INET6("inet6", "AF_INET6");

    private final String label;
    private final String constant;

    Family(String label, String constant) {
        this.label = label;
        this.constant = constant;
    }

    /** The scenario's spelling, {@code inet} or {@code inet6}. */
    public String label() {
        return label;
    }

    /** The C constant, {@code AF_INET6}. */
    public String constant() {
        return constant;
    }

    /** The family spelled {@code label} in a scenario, or null. */
    public static Family byLabel(String label) {
        for (Family f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }
}
