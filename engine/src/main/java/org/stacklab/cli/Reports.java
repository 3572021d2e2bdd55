package org.stacklab.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stacklab.net.Channel;
import org.stacklab.net.Host;
import org.stacklab.net.LinkConfig;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.World;
import org.stacklab.trace.format.html.QuizPick;
import org.stacklab.trace.format.html.ReportInfo;
import org.stacklab.trace.format.html.TableSource;
import org.stacklab.transport.HostStack;

/** What the HTML report needs to know about a scenario beyond its events, taken from the assembled world. */
final class Reports {
    private Reports() {}

    static ReportInfo info(World w) {
        Scenario sc = w.scenario();
        Map<String, String> groupOf = new HashMap<>();
        for (HostSpec spec : sc.hosts()) {
            if (spec.isGroup()) {
                for (HostSpec m : spec.members()) {
                    groupOf.put(m.name(), spec.name());
                }
            }
        }
        List<ReportInfo.Host> hosts = new ArrayList<>();
        for (Host h : w.network().hosts()) {
            hosts.add(new ReportInfo.Host(h.name(), h.addresses(), h.forwards(), groupOf.get(h.name())));
        }
        List<ReportInfo.Link> links = new ArrayList<>();
        for (Channel c : w.network().channels()) {
            // each link is two channels, one per direction: report it once
            if (c.from().index() < c.to().index()) {
                LinkConfig l = c.config();
                links.add(new ReportInfo.Link(c.from().name(), c.to().name(), l.latencyNs(), l.bandwidthBps(), l.loss(),
                        l.queue()));
            }
        }
        return new ReportInfo(sc.name(), sc.file(), sc.description(), sc.seed(), hosts, links);
    }

    /** The socket tables of the simulated hosts, read as the run goes (for the explorer's tables at each event). */
    static TableSource tables(World w) {
        return name -> {
            Host h = w.network().host(name);
            return h == null ? null : HostStack.of(h).socketTable();
        };
    }

    /** The deliveries the explorer's quiz asks about ({@code quiz:}), or null when the scenario has no such key. */
    static List<QuizPick> quiz(Scenario sc) {
        if (sc.quiz() == null) {
            return null;
        }
        List<QuizPick> out = new ArrayList<>();
        for (org.stacklab.scenario.QuizPick q : sc.quiz()) {
            out.add(new QuizPick(q.host(), q.port(), q.first()));
        }
        return out;
    }

    /**
     * docs/port-table.md as a link from report.html in {@code dir}, when the command runs in the
     * project (or its engine folder); null otherwise (the page then links beside itself).
     */
    static String docs(java.nio.file.Path dir) {
        for (String candidate : List.of("docs/port-table.md", "../docs/port-table.md")) {
            java.nio.file.Path p = java.nio.file.Path.of(candidate).toAbsolutePath().normalize();
            if (java.nio.file.Files.isRegularFile(p)) {
                return dir.toAbsolutePath().normalize().relativize(p).toString().replace('\\', '/');
            }
        }
        return null;
    }
}
