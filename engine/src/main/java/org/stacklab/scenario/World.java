package org.stacklab.scenario;

import java.util.List;
import org.stacklab.net.Network;
import org.stacklab.process.VirtualProcess;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;

/** A scenario assembled into a runnable network: simulator, hosts and links, processes. */
public record World(Scenario scenario, Simulator sim, Tracer tracer, Network network, List<VirtualProcess> processes) {}
