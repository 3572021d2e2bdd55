package org.stacklab.cli.bench;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stacklab.cli.UsageException;
import org.stacklab.process.VirtualProcess;
import org.stacklab.scenario.AppSpec;
import org.stacklab.scenario.Expectation;
import org.stacklab.scenario.HostSpec;
import org.stacklab.scenario.ProcessSpec;
import org.stacklab.scenario.RunResult;
import org.stacklab.scenario.Scenario;
import org.stacklab.scenario.ScenarioError;
import org.stacklab.scenario.ScenarioException;
import org.stacklab.scenario.ScenarioLoader;

/** The bench's scenario files: where they are, loading them, resizing them, and what is in them. */
final class BenchScenarios {
    static final String W1_FILE = "scenarios/bench/w1-udp-echo-star.yaml";
    static final String W2_FILE = "scenarios/bench/w2-tcp-fanin.yaml";

    private BenchScenarios() {}

    /**
     * The workload file: under {@code stacklab.home} (the launcher sets it), the current folder,
     * or the repository the jar was built in ({@code <repo>/engine/target/stacklab.jar}).
     */
    static Path scenarioFile(String relative) throws UsageException {
        List<Path> roots = new ArrayList<>();
        String home = System.getProperty("stacklab.home");
        if (home != null && !home.isBlank()) {
            roots.add(Path.of(home));
        }
        roots.add(Path.of(""));
        try {
            Path jar = Path.of(BenchScenarios.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path up = jar.getParent();
            for (int i = 0; i < 3 && up != null; i++, up = up.getParent()) {
                roots.add(up);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no jar location: the other roots only
        }
        for (Path root : roots) {
            Path p = root.resolve(relative);
            if (Files.isRegularFile(p)) {
                return root.toString().isEmpty() ? Path.of(relative) : p.normalize();
            }
        }
        throw new UsageException("bench: cannot find " + relative + " (looked in the current folder and beside the "
                + "StackLab jar; run from the repository's root)");
    }

    /** Loads a workload file; its errors go to {@code err}, then bench stops with a usage error. */
    static Scenario load(Path file, PrintStream err) throws UsageException {
        try {
            return ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            for (ScenarioError se : e.errors()) {
                err.println(se);
            }
            throw new UsageException("bench: " + file + " does not load (see above)");
        }
    }

    /**
     * The scenario with its host group resized to {@code hosts}, each {@code udp-echo-client}
     * sending {@code packets} (when given), and every {@code received_bytes} claim recomputed.
     */
    static Scenario resize(Scenario s, int hosts, Long packets) {
        List<HostSpec> hs = new ArrayList<>();
        for (HostSpec h : s.hosts()) {
            hs.add(h.isGroup() ? new HostSpec(h.pos(), h.name(), h.ips(), h.forward(), hosts, h.filter(), h.tcp()) : h);
        }
        List<ProcessSpec> ps = new ArrayList<>();
        for (ProcessSpec p : s.processes()) {
            AppSpec a = p.app();
            if (a != null && packets != null && a.app().equals("udp-echo-client")) {
                a = new AppSpec(a.pos(), a.app(), a.port(), a.to(), packets, a.intervalNs(), a.size(), a.bytes(), a.body(),
                        a.path());
            }
            ps.add(new ProcessSpec(p.pos(), p.name(), p.host(), p.user(), p.startNs(), p.steps(), a));
        }
        Scenario mid = new Scenario(s.file(), s.name(), s.description(), s.seed(), s.untilNs(), s.defaults(), hs,
                s.links(), ps, s.expectations(), s.snapshots(), s.timeline());
        long bulk = hosts * bulkBytes(mid);
        List<Expectation> es = new ArrayList<>();
        for (Expectation e : s.expectations()) {
            if (e instanceof Expectation.ReceivedBytes r) {
                ProcessSpec who = processNamed(mid, r.process());
                if (who != null && who.app() != null && who.app().app().equals("udp-echo-client")) {
                    e = new Expectation.ReceivedBytes(r.pos(), r.process(), who.app().count() * who.app().size());
                } else if (who != null && who.app() != null && who.app().app().equals("tcp-sink")) {
                    e = new Expectation.ReceivedBytes(r.pos(), r.process(), bulk);
                }
            }
            es.add(e);
        }
        return new Scenario(s.file(), s.name(), s.description(), s.seed(), s.untilNs(), s.defaults(), hs, s.links(), ps,
                es, s.snapshots(), s.timeline());
    }

    /** The process spec a claim's glob is about (its name, or its name followed by '*'). */
    private static ProcessSpec processNamed(Scenario s, String glob) {
        String base = glob.endsWith("*") ? glob.substring(0, glob.length() - 1) : glob;
        for (ProcessSpec p : s.processes()) {
            if (p.name().equals(base)) {
                return p;
            }
        }
        return null;
    }

    static long bulkBytes(Scenario s) {
        for (ProcessSpec p : s.processes()) {
            if (p.app() != null && p.app().app().equals("tcp-bulk-send")) {
                return p.app().bytes();
            }
        }
        return 0;
    }

    static AppSpec clientApp(Scenario s) {
        for (ProcessSpec p : s.processes()) {
            if (p.app() != null && p.app().app().equals("udp-echo-client")) {
                return p.app();
            }
        }
        throw new IllegalStateException("no udp-echo-client in " + s.file());
    }

    /** The echoes W1's clients got back: each client's received bytes over the datagram size. */
    static long echoesBack(Scenario s, RunResult r) {
        long size = clientApp(s).size();
        long echoes = 0;
        for (VirtualProcess p : r.world().processes()) {
            if (isClient(s, p)) {
                echoes += p.receivedBytes() / Math.max(1, size);
            }
        }
        return echoes;
    }

    /** Whether {@code p} runs on the client group. */
    static boolean isClient(Scenario s, VirtualProcess p) {
        for (HostSpec h : s.hosts()) {
            if (h.isGroup() && p.host().startsWith(h.name())) {
                return true;
            }
        }
        return false;
    }
}
