package org.stacklab.bridge;

import java.util.List;
import org.stacklab.process.Step;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.transport.Family;
import org.stacklab.wire.IpAddress;
import org.stacklab.wire.Ipv6Address;

/** Finds what makes a scenario IPv6, which the bridge does not compare yet: it skips such a scenario and says why. */
final class Ipv6Use {
    private Ipv6Use() {}

    /** What in {@code sc} is IPv6 (a host address, an AF_INET6 socket), or null when nothing is. */
    static String of(Scenario sc) {
        for (HostSpec h : sc.hosts()) {
            for (IpAddress a : h.ips()) {
                if (a instanceof Ipv6Address) {
                    return "host " + h.name() + " has the address " + a;
                }
            }
        }
        for (ProcessSpec ps : sc.processes()) {
            String s = ps.steps() == null ? null : of(ps.steps());
            if (s != null) {
                return "process " + ps.name() + " " + s;
            }
        }
        return null;
    }

    private static String of(List<Step> steps) {
        for (Step st : steps) {
            String s = null;
            String a = st instanceof Step.Bind b ? b.addr() : st instanceof Step.Connect c ? c.addr()
                    : st instanceof Step.SendTo t ? t.to() : null;
            if (st instanceof Step.Socket k && k.family() == Family.INET6) {
                s = "opens the AF_INET6 socket " + k.name();
            } else if (st instanceof Step.SetSockOpt o && o.v6only() != null) {
                s = "sets IPV6_V6ONLY on " + o.socket();
            } else if (a != null && a.startsWith("[")) {
                s = "uses the IPv6 endpoint " + a;
            } else if (st instanceof Step.Repeat r) {
                s = of(r.steps());
            } else if (st instanceof Step.Retry r) {
                s = of(r.steps());
            }
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
