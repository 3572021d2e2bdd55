package org.stacklab.bridge;

import org.stacklab.net.Host;
import org.stacklab.process.Outcome;
import org.stacklab.process.SimSocketApi;
import org.stacklab.scenario.Assembler;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioLoader;
import org.stacklab.scenario.World;
import org.stacklab.sim.Simulator;
import org.stacklab.trace.Tracer;
import org.stacklab.transport.HostStack;

/**
 * The simulation as a {@link SocketWorld}: hosts a, b, c fully linked (1 us links), calls
 * submitted to each process's {@link SimSocketApi}, the simulator run until the call completes,
 * then for {@link #SETTLE_NS} more so that packets in flight land.
 */
public final class SimulatedWorld implements SocketWorld {
    static final long SETTLE_NS = 5_000_000L;
    /** The longest a call may wait in simulated time before it counts as pending. */
    static final long WAIT_NS = 5_000_000_000L;
    static final String HOSTS_YAML = """
            scenario: contract
            defaults:
              link: {latency: 1us}
            hosts:
              - {name: a, ip: 10.0.0.1}
              - {name: b, ip: 10.0.0.2}
              - {name: c, ip: 10.0.0.3}
            links:
              - [a, b]
              - [b, c]
              - [a, c]
            """;

    private final World world;
    private final Simulator sim;
    private int processes;

    public SimulatedWorld(long seed) {
        try {
            Scenario sc = ScenarioLoader.parse("contract.yaml", HOSTS_YAML + "seed: " + seed + "\n");
            world = Assembler.assemble(sc, Tracer.off());
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.errors().toString());
        }
        sim = world.sim();
    }

    @Override
    public Proc process(String host) {
        Host h = world.network().host(host);
        SimSocketApi api = new SimSocketApi(HostStack.of(h), "p" + ++processes, "root");
        return c -> {
            Outcome[] got = new Outcome[1];
            api.submit(c, o -> got[0] = o);
            long limit = sim.now() + WAIT_NS;
            while (got[0] == null) {
                long next = sim.nextEventTime();
                if (next < 0 || next > limit) {
                    break;
                }
                sim.step();
            }
            sim.runUntil(sim.now() + SETTLE_NS);
            return new Result(got[0], null);
        };
    }

    @Override
    public boolean tcp() {
        return Bridge.tcpSimulated();
    }

    @Override
    public boolean privileged() {
        return true; // simulated root may bind any port
    }

    @Override
    public String name() {
        return "simulation";
    }

    @Override
    public void close() {}
}
