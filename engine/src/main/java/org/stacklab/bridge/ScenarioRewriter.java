package org.stacklab.bridge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.process.Step;
import org.stacklab.scenario.AppSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.wire.Endpoint;
import org.stacklab.wire.Ipv4Address;

/**
 * Rewrites every literal address in a scenario's steps and app arguments through an
 * {@link AddressMap}, and collects each destination that would leave loopback as a positioned
 * refusal. Nothing is opened or sent here: a scenario with a refusal never reaches a socket. The
 * rewritten processes serve the plan's survey (which ports, which hosts); the programs themselves
 * run as written, the real socket API translating their addresses.
 */
final class ScenarioRewriter {
    private final Scenario sc;
    private final AddressMap map;
    private final List<String> lines;
    private final List<ScenarioError> refusals = new ArrayList<>();

    ScenarioRewriter(Scenario sc, AddressMap map) {
        this.sc = sc;
        this.map = map;
        this.lines = readLines(sc.file());
    }

    List<ScenarioError> refusals() {
        return refusals;
    }

    /** The process with its addresses on loopback (templates such as ${m.from} are left to run time). */
    ProcessSpec rewrite(ProcessSpec ps) {
        if (ps.steps() != null) {
            return new ProcessSpec(ps.pos(), ps.name(), ps.host(), ps.user(), ps.startNs(), steps(ps, ps.steps()), null);
        }
        AppSpec a = ps.app();
        Endpoint to = a.to();
        if (to != null) {
            to = endpoint(to, ps, a.pos().line());
        }
        AppSpec mapped = new AppSpec(a.pos(), a.app(), a.port(), to, a.count(), a.intervalNs(), a.size(), a.bytes(),
                a.body(), a.path());
        return new ProcessSpec(ps.pos(), ps.name(), ps.host(), ps.user(), ps.startNs(), null, mapped);
    }

    private List<Step> steps(ProcessSpec ps, List<Step> steps) {
        List<Step> out = new ArrayList<>(steps.size());
        for (Step s : steps) {
            out.add(step(ps, s));
        }
        return out;
    }

    private Step step(ProcessSpec ps, Step s) {
        Step.Common c = s.common();
        if (s instanceof Step.Bind b) {
            return new Step.Bind(c, b.socket(), bindText(b.addr()));
        } else if (s instanceof Step.Connect k) {
            return new Step.Connect(c, k.socket(), text(k.addr(), ps, c.line()));
        } else if (s instanceof Step.SendTo t) {
            return new Step.SendTo(c, t.socket(), text(t.to(), ps, c.line()), t.data());
        } else if (s instanceof Step.GetSockName g && g.expect() != null) {
            return new Step.GetSockName(c, g.socket(), pattern(g.expect(), ps, c.line()));
        } else if (s instanceof Step.Repeat r) {
            return new Step.Repeat(c, r.times(), steps(ps, r.steps()));
        }
        return s;
    }

    /**
     * A bind address: binding sends nothing, so an address of no host is not refused; on the
     * real side it fails with EADDRNOTAVAIL like any address not local to the host (F2).
     */
    private String bindText(String t) {
        if (t == null || t.contains("${")) {
            return t;
        }
        try {
            return map.toReal(Endpoint.parse(t)).toString();
        } catch (IllegalArgumentException | AddressMap.Refused e) {
            return t;
        }
    }

    /** An {@code ip:port} text; templates stay (the real API checks what they resolve to). */
    private String text(String t, ProcessSpec ps, int line) {
        if (t == null || t.contains("${")) {
            return t;
        }
        Endpoint e;
        try {
            e = Endpoint.parse(t);
        } catch (IllegalArgumentException ex) {
            return t; // the loader accepted it; the run reports EINVAL in both worlds
        }
        return endpoint(e, ps, line).toString();
    }

    /** A getsockname pattern {@code ip:port} where the port may be {@code *}. */
    private String pattern(String t, ProcessSpec ps, int line) {
        int colon = t.lastIndexOf(':');
        if (colon < 0 || t.substring(0, colon).equals("*")) {
            return t;
        }
        try {
            Ipv4Address ip = Ipv4Address.parse(t.substring(0, colon));
            return map.toReal(ip) + t.substring(colon);
        } catch (IllegalArgumentException e) {
            return t;
        } catch (AddressMap.Refused r) {
            // A getsockname pattern sends nothing; an address of no host simply cannot match.
            return t;
        }
    }

    private Endpoint endpoint(Endpoint e, ProcessSpec ps, int line) {
        try {
            return map.toReal(e);
        } catch (AddressMap.Refused r) {
            int l = line > 0 ? line : ps.pos().line();
            refusals.add(new ScenarioError(sc.file(), l, column(l, e.ip().toString()), "process " + ps.name() + ": "
                    + r.getMessage() + "; refused before any socket is opened"));
            return e;
        }
    }

    /** The column of {@code needle} on 1-based {@code line} of the file, or 1. */
    private int column(int line, String needle) {
        if (line < 1 || line > lines.size()) {
            return 1;
        }
        int i = lines.get(line - 1).indexOf(needle);
        return i < 0 ? 1 : i + 1;
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of(); // not a file (a test's text): columns default to 1
        }
    }
}
