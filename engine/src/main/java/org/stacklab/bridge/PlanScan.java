package org.stacklab.bridge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stacklab.process.Step;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/** What {@link BridgePlan} reads off a scenario's text: literal endpoints and the 127.x addresses it writes. */
final class PlanScan {
    private PlanScan() {}

    /** The endpoint {@code addr} when it is written literally (no {@code ${...}}), else null. */
    static Endpoint literal(String addr) {
        if (addr == null || addr.contains("${")) {
            return null;
        }
        try {
            return Endpoint.parse(addr);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** 127.x addresses the scenario writes (hosts' own or in steps): the mapping must not hand them out. */
    static Set<Ipv4Address> literalLoopback(Scenario sc) {
        Set<Ipv4Address> out = new LinkedHashSet<>();
        for (HostSpec h : sc.hosts()) {
            for (HostSpec m : h.members()) {
                for (Ipv4Address a : m.ipv4s()) {
                    if (a.isLoopback()) {
                        out.add(a);
                    }
                }
            }
        }
        for (ProcessSpec ps : sc.processes()) {
            if (ps.steps() != null) {
                collect(ps.steps(), out);
            } else if (ps.app().to() != null && ps.app().to().ip().isLoopback()) {
                out.add(ps.app().to().ipv4());
            }
        }
        return out;
    }

    private static void collect(List<Step> steps, Set<Ipv4Address> out) {
        for (Step s : steps) {
            String a = s instanceof Step.Bind b ? b.addr() : s instanceof Step.Connect c ? c.addr()
                    : s instanceof Step.SendTo t ? t.to() : null;
            Endpoint e = literal(a);
            if (e != null && e.ip().isLoopback()) {
                out.add(e.ipv4());
            }
            if (s instanceof Step.Repeat r) {
                collect(r.steps(), out);
            }
        }
    }

    /** The hosts {@code host} names: a group's members in order, else itself. */
    static List<String> members(Scenario sc, String host) {
        for (HostSpec h : sc.hosts()) {
            if (h.name().equals(host)) {
                List<String> out = new ArrayList<>();
                for (HostSpec m : h.members()) {
                    out.add(m.name());
                }
                return out;
            }
        }
        return List.of(host); // a member of a group named directly
    }

    static boolean isGroup(Scenario sc, String host) {
        for (HostSpec h : sc.hosts()) {
            if (h.name().equals(host)) {
                return h.isGroup();
            }
        }
        return false;
    }
}
