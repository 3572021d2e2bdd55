package org.stacklab.scenario;

import java.util.List;

/**
 * A whole scenario file, loaded and validated; every name it uses refers to something defined.
 *
 * @param file the path as the user gave it, for messages
 * @param untilNs the simulated-time limit, or -1 to run until no event is left
 * @param snapshots instants at which each host's socket table is written to the trace
 */
public record Scenario(String file, String name, String description, long seed, long untilNs, Defaults defaults,
        List<HostSpec> hosts, List<LinkSpec> links, List<ProcessSpec> processes, List<Expectation> expectations,
        List<Long> snapshots, List<TimelineNote> timeline) {}
