package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.net.filter.FilterConfig;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;

/**
 * A host, or a group of {@code count} hosts named {@code name1 .. nameN} whose first address
 * counts up from {@code ips.get(0)}; every address of either family counts up by one per member.
 *
 * @param count 0 for a single host, N for a group
 * @param filter its NAT rules and firewall, or null when it has none
 * @param tcp the host's own TCP settings ({@code tcp:}, over {@code defaults.tcp}), or null for the defaults
 */
public record HostSpec(Pos pos, String name, List<IpAddress> ips, boolean forward, int count, FilterConfig filter,
        TcpConfig tcp) {
    /** A host without NAT, firewall or TCP settings of its own. */
    public HostSpec(Pos pos, String name, List<IpAddress> ips, boolean forward, int count) {
        this(pos, name, ips, forward, count, null, null);
    }

    /** The IPv4 addresses only (the bridge maps IPv4 so far). */
    public List<Ipv4Address> ipv4s() {
        List<Ipv4Address> out = new ArrayList<>(ips.size());
        for (IpAddress a : ips) {
            if (a instanceof Ipv4Address v4) {
                out.add(v4);
            }
        }
        return out;
    }

    public boolean isGroup() {
        return count > 0;
    }

    /** The concrete hosts: itself, or the group's members with consecutive addresses. */
    public List<HostSpec> members() {
        if (!isGroup()) {
            return List.of(this);
        }
        List<HostSpec> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<IpAddress> mine = new ArrayList<>(ips.size());
            for (IpAddress a : ips) {
                mine.add(a instanceof Ipv6Address v6 ? v6.plus(i) : ((Ipv4Address) a).plus(i));
            }
            out.add(new HostSpec(pos, name + (i + 1), List.copyOf(mine), forward, 0, filter, tcp));
        }
        return out;
    }
}
