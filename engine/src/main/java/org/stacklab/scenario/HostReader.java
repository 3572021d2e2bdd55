package org.stacklab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.stacklab.transport.TcpConfig;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv4Address;
import org.stacklab.wire.Ipv6Address;

/** Reads the {@code hosts} list: single hosts and groups, their addresses, and their names. */
final class HostReader {
    static final List<String> KEYS = List.of("name", "ip", "ips", "forward", "count", "nat", "firewall", "tcp");
    /** The largest group: more hosts than this would not fit a teaching run anyway. */
    static final long MAX_GROUP = 1_000_000;
    /** All hosts of a scenario, groups counted by members: a bound on the memory a world takes. */
    static final long MAX_HOSTS = 1_000_000;
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Problems problems;
    private final Names names;
    private final TcpConfig tcpDefaults;

    HostReader(Problems problems, Names names, TcpConfig tcpDefaults) {
        this.problems = problems;
        this.names = names;
        this.tcpDefaults = tcpDefaults;
    }

    List<HostSpec> read(List<YamlNode> items) {
        List<HostSpec> out = new ArrayList<>();
        long total = 0;
        boolean told = false;
        for (YamlNode item : items == null ? List.<YamlNode>of() : items) {
            HostSpec h = host(item);
            if (h != null) {
                out.add(h);
                total += Math.max(1, h.count());
                if (total > MAX_HOSTS && !told) {
                    told = true;
                    problems.at(h.pos(), "this host brings the scenario to " + total + " hosts in all; at most "
                            + MAX_HOSTS + " (every host costs memory: about 2 KB, more with routes)");
                }
            }
        }
        return out;
    }

    private HostSpec host(YamlNode item) {
        if (!(item instanceof YamlNode.Mapping m)) {
            Values.wrongType(problems, item, "a host like {name: web, ip: 10.0.0.1}", "");
            return null;
        }
        Fields f = new Fields(problems, m, "in host").allow(KEYS);
        String name = checkedName(problems, f, "host");
        boolean forward = f.bool("forward", false);
        int count = f.has("count") ? (int) f.whole("count", 1, MAX_GROUP, 0) : 0;
        List<IpAddress> ips = addresses(f);
        org.stacklab.net.filter.FilterConfig filter = new FilterReader(problems).read(f, ips);
        YamlNode.Mapping tcpMap = f.mapping("tcp");
        TcpConfig tcp = tcpMap == null ? null : TcpConfigReader.read(problems,
                new Fields(problems, tcpMap, "in host tcp").allow(TcpConfigReader.KEYS), tcpDefaults);
        if (name != null) {
            String clash = names.add(name, count, m.pos());
            if (clash != null) {
                f.error("name", clash);
            }
        }
        if (ips != null && count > 0) {
            checkGroupFits(f, name, ips, count);
        }
        return name == null || ips == null ? null : new HostSpec(m.pos(), name, ips, forward, count, filter, tcp);
    }

    /** The required {@code name}, if it is a usable name for a host or a process. */
    static String checkedName(Problems problems, Fields f, String what) {
        String name = f.requiredString("name");
        if (name != null && !NAME.matcher(name).matches()) {
            f.error("name", what + " name '" + name + "' may use only letters, digits, '-', '_' and '.'");
            return null;
        }
        return name;
    }

    private List<IpAddress> addresses(Fields f) {
        if (f.has("ip") && f.has("ips")) {
            problems.at(f.keyPos("ips"), "give either 'ip' or 'ips', not both");
        }
        if (f.has("ip")) {
            IpAddress a = address(f.node("ip"), " for 'ip'");
            return a == null ? null : List.of(a);
        }
        if (!f.has("ips")) {
            problems.at(f.pos(), "missing required key 'ip' (or 'ips') in host");
            return null;
        }
        List<YamlNode> items = f.list("ips");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            f.error("ips", "'ips' needs at least one address");
            return null;
        }
        List<IpAddress> out = new ArrayList<>();
        for (YamlNode n : items) {
            IpAddress a = address(n, " in 'ips'");
            if (a == null) {
                return null;
            }
            out.add(a);
        }
        return List.copyOf(out);
    }

    private IpAddress address(YamlNode n, String forWhat) {
        IpAddress a = Values.parsed(problems, n, "an IP address" + forWhat, IpAddress::parse);
        if (a != null && a.isWildcard()) {
            problems.at(n.pos(), a + " is the wildcard address, not a host's address");
            return null;
        }
        if (a != null && a.isLoopback()) {
            problems.at(n.pos(), a + (a instanceof Ipv6Address ? " is the loopback address, which" : " is a loopback address (127.0.0.0/8), which")
                    + " every host already has");
            return null;
        }
        if (a instanceof Ipv6Address v6 && v6.isIpv4Mapped()) {
            problems.at(n.pos(), a + " is a v4-mapped address (an IPv4 address seen by an IPv6 socket); give the host "
                    + v6.mappedIpv4() + " instead");
            return null;
        }
        return a;
    }

    private void checkGroupFits(Fields f, String name, List<IpAddress> ips, int count) {
        for (IpAddress a : ips) {
            if (a instanceof Ipv6Address v6) {
                Ipv6Address last = v6.plus(count - 1);
                if (Long.compareUnsigned(last.high(), v6.high()) < 0) {
                    f.error(f.has("ip") ? "ip" : "ips", "group '" + name + "' of " + count + " hosts starting at " + a
                            + " runs past ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
                    return;
                }
                continue;
            }
            if (Integer.toUnsignedLong(((Ipv4Address) a).bits()) + count - 1 > 0xFFFF_FFFFL) {
                f.error(f.has("ip") ? "ip" : "ips", "group '" + name + "' of " + count + " hosts starting at " + a
                        + " runs past 255.255.255.255");
                return;
            }
        }
    }
}
