package org.stacklab.bridge;

import java.util.List;
import org.stacklab.process.Step;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.transport.Family;
import org.stacklab.wire.Ipv6Address;

/**
 * Whether a scenario uses IPv6, which the bridge does not run on real sockets yet (its address map
 * and real sockets are IPv4): such a scenario is skipped with this reason rather than half run.
 */
final class Ipv6Use {
    private Ipv6Use() {}

    /** Why {@code sc} cannot run on the bridge, or null when it is IPv4 only. */
    static String reason(Scenario sc) {
        for (HostSpec h : sc.hosts()) {
            for (var a : h.ips()) {
                if (a instanceof Ipv6Address) {
                    return skip("host " + h.name() + " has the IPv6 address " + a);
                }
            }
        }
        for (ProcessSpec ps : sc.processes()) {
            if (ps.steps() != null && opensInet6(ps.steps())) {
                return skip("process " + ps.name() + " opens an AF_INET6 socket");
            }
        }
        return null;
    }

    private static boolean opensInet6(List<Step> steps) {
        for (Step s : steps) {
            if (s instanceof Step.Socket k && k.family() == Family.INET6
                    || s instanceof Step.Repeat r && opensInet6(r.steps())
                    || s instanceof Step.Retry r2 && opensInet6(r2.steps())) {
                return true;
            }
        }
        return false;
    }

    private static String skip(String what) {
        return what + "; the bridge runs IPv4 scenarios only so far, so the comparison is skipped";
    }
}
