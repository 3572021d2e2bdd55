package org.stacklab.scenario;

import java.util.List;
import org.stacklab.net.Network;
import org.stacklab.process.VirtualProcess;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;

/** A scenario assembled into a runnable network: simulator, hosts and links, processes. */
public record World(Scenario scenario, Simulator sim, Tracer tracer, Network network, List<VirtualProcess> processes,
        java.util.Map<String, String> groupOf) {
    /**
     * Whether {@code glob} names process {@code p}: by its own name ({@code pinger3}) or, for a
     * member of a process group, by the group's name ({@code pinger} means all members).
     */
    public boolean matches(String glob, VirtualProcess p) {
        if (Glob.matches(glob, p.name())) {
            return true;
        }
        String group = groupOf.get(p.name());
        return group != null && Glob.matches(glob, group);
    }
}
