package org.stacklab.trace.format.html;

import java.util.List;
import org.stacklab.wire.IpAddress;

/**
 * What the HTML report says about the scenario itself, beyond the events: its name, file,
 * description and seed, and the topology to draw. The command line fills it from the loaded
 * scenario, so that {@code trace.format} need not import {@code scenario}.
 *
 * @param description free text from the scenario (may be empty, never null)
 * @param hosts every concrete host, group members included, in scenario order
 * @param links every concrete link (a group's link is one link per member)
 */
public record ReportInfo(String name, String file, String description, long seed, List<Host> hosts, List<Link> links) {
    public ReportInfo {
        description = description == null ? "" : description;
        file = file == null ? "" : file;
        hosts = List.copyOf(hosts);
        links = List.copyOf(links);
    }

    /** A report about a run with no scenario behind it (tests, tools): a name and nothing to draw. */
    public static ReportInfo named(String name) {
        return new ReportInfo(name, "", "", 0, List.of(), List.of());
    }

    /**
     * One host. {@code group} names the group it belongs to ({@code client} for
     * {@code client7}), or is null for a host of its own.
     */
    public record Host(String name, List<IpAddress> addresses, boolean forward, String group) {
        public Host {
            addresses = List.copyOf(addresses);
        }
    }

    /** A full-duplex link between hosts {@code a} and {@code b}, with its properties. */
    public record Link(String a, String b, long latencyNs, long bandwidthBps, double loss, int queue) {}
}
