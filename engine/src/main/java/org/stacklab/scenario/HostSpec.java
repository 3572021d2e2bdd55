package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.Ipv4Address;

/**
 * A host, or a group of {@code count} hosts named {@code name1 .. nameN} whose first address
 * counts up from {@code ips.get(0)}.
 *
 * @param count 0 for a single host, N for a group
 * @param tcp the host's own TCP settings ({@code tcp:}, over {@code defaults.tcp}), or null for the defaults
 */
public record HostSpec(Pos pos, String name, List<Ipv4Address> ips, boolean forward, int count, TcpConfig tcp) {
    public HostSpec(Pos pos, String name, List<Ipv4Address> ips, boolean forward, int count) {
        this(pos, name, ips, forward, count, null);
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
            List<Ipv4Address> mine = new ArrayList<>(ips.size());
            for (Ipv4Address a : ips) {
                mine.add(a.plus(i));
            }
            out.add(new HostSpec(pos, name + (i + 1), List.copyOf(mine), forward, 0, tcp));
        }
        return out;
    }
}
