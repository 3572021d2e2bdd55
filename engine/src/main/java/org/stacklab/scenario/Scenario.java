package org.stacklab.scenario;

import java.util.List;

/**
 * A whole scenario file, loaded and validated; every name it uses refers to something defined.
 *
 * @param file the path as the user gave it, for messages
 * @param untilNs the simulated-time limit, or -1 to run until no event is left
 * @param snapshots instants at which each host's socket table is written to the trace
 * @param quiz the deliveries report.html's explorer asks about ({@code quiz}), or null when the
 *     scenario has no such key
 */
public record Scenario(String file, String name, String description, long seed, long untilNs, Defaults defaults,
        List<HostSpec> hosts, List<LinkSpec> links, List<ProcessSpec> processes, List<Expectation> expectations,
        List<Long> snapshots, List<TimelineNote> timeline, List<QuizPick> quiz) {
    /** A scenario without the {@code quiz} key. */
    public Scenario(String file, String name, String description, long seed, long untilNs, Defaults defaults,
            List<HostSpec> hosts, List<LinkSpec> links, List<ProcessSpec> processes, List<Expectation> expectations,
            List<Long> snapshots, List<TimelineNote> timeline) {
        this(file, name, description, seed, untilNs, defaults, hosts, links, processes, expectations, snapshots, timeline,
                null);
    }
}
