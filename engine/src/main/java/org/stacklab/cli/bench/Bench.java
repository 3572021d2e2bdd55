package org.stacklab.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stacklab.cli.Exit;
import org.stacklab.cli.UsageException;

/**
 * {@code stacklab bench [W1|W2|W3|sockets|sweep|all] [--hosts H] [--packets P] ...}: the speed
 * workloads of docs/performance.md, and the one entry point {@code Main} calls. This class reads
 * the command line and runs the workloads asked for: {@link ScenarioWorkloads} (W1, W2 and the
 * sweep: the scenarios under {@code scenarios/bench/}, resized), {@link CoreWorkloads} (W3, the
 * event loop alone, and idle socket memory). Results also go to {@code reports/bench/*.json}.
 */
public final class Bench {
    private static final int W1_HOSTS = 1000;
    private static final long W1_PACKETS = 100;
    private static final int W2_HOSTS = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private boolean traceJsonl;

    public Bench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The options that take a value; bench parses its own few (commons-cli costs start-up time). */
    public static final List<String> OPTIONS = List.of("hosts", "packets", "reps", "events", "mode", "trace", "out");

    /** Parsed command line: option values by name, and the words that are not options. */
    private static final class Args {
        final Map<String, String> values = new HashMap<>();
        final List<String> rest = new ArrayList<>();

        boolean hasOption(String name) {
            return values.containsKey(name);
        }

        String getOptionValue(String name) {
            return values.get(name);
        }

        String getOptionValue(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }
    }

    /** {@code --name value} or {@code --name=value}; each option at most once. */
    private static Args parse(String[] args) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.length; i++) {
            String w = args[i];
            if (!w.startsWith("-") || w.equals("-")) {
                a.rest.add(w);
                continue;
            }
            String name = w.replaceFirst("^--?", "");
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!OPTIONS.contains(name)) {
                throw new UsageException("bench: unknown option " + w + " (options: --hosts, --packets, --reps, --events, "
                        + "--mode, --trace, --out; see --help)");
            }
            if (value == null) {
                if (i + 1 == args.length) {
                    throw new UsageException("bench: --" + name + " needs a value (see --help)");
                }
                value = args[++i];
            }
            if (a.values.put(name, value) != null) {
                throw new UsageException("bench: --" + name + " given twice");
            }
        }
        return a;
    }


    /** Runs {@code bench ARGS}; returns the exit status (usage errors are thrown, printed by Main). */
    public int run(String[] args) throws UsageException {
        Args cl = parse(args);
        List<String> rest = cl.rest;
        if (rest.size() > 1) {
            throw new UsageException("bench: expected one workload (W1, W2, W3 or all), got " + String.join(" ", rest));
        }
        String which = rest.isEmpty() ? "all" : rest.get(0).toUpperCase(Locale.ROOT);
        if (!List.of("W1", "W2", "W3", "SOCKETS", "SWEEP", "ALL").contains(which)) {
            throw new UsageException("bench: unknown workload '" + rest.get(0) + "' (W1, W2, W3, sockets, sweep or all)");
        }
        Integer hosts = cl.hasOption("hosts") ? (int) positive("--hosts", cl.getOptionValue("hosts"), 60_000) : null;
        Long packets = cl.hasOption("packets") ? positive("--packets", cl.getOptionValue("packets"), 1_000_000_000L) : null;
        int reps = cl.hasOption("reps") ? (int) positive("--reps", cl.getOptionValue("reps"), 100) : 3;
        long events = cl.hasOption("events") ? positive("--events", cl.getOptionValue("events"), Long.MAX_VALUE) : EventCore.N_DEFAULT;
        if (cl.hasOption("trace")) {
            if (!cl.getOptionValue("trace").equals("jsonl")) {
                throw new UsageException("bench: --trace takes only jsonl, got '" + cl.getOptionValue("trace") + "'");
            }
            traceJsonl = true;
        }
        List<String> modes = List.of("chain", "hold-100k", "hold-1M");
        if (cl.hasOption("mode")) {
            String mode = cl.getOptionValue("mode");
            if (!modes.contains(mode)) {
                throw new UsageException("bench: --mode takes chain, hold-100k or hold-1M, got '" + mode + "'");
            }
            modes = List.of(mode);
        }
        if (packets != null && which.equals("W2")) {
            throw new UsageException("bench: --packets is for W1 (W2 sends 64 KiB per client)");
        }
        Meter.warmManagementBeans();
        Path reportDir = Path.of(cl.getOptionValue("out", Path.of("reports", "bench").toString()));
        try {
            Files.createDirectories(reportDir);
        } catch (IOException e) {
            throw new UsageException("bench: cannot write results to " + reportDir + ": " + e.getMessage());
        }
        out.println("stacklab bench: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        Output o = new Output(out, err, reportDir);
        ScenarioWorkloads scenarios = new ScenarioWorkloads(o, traceJsonl);
        int status = Exit.OK;
        if (which.equals("W1") || which.equals("ALL")) {
            status = Math.max(status, scenarios.w1(hosts == null ? W1_HOSTS : hosts, packets == null ? W1_PACKETS : packets));
        }
        if (which.equals("W2") || which.equals("ALL")) {
            int s = scenarios.w2(hosts == null ? W2_HOSTS : hosts);
            status = Math.max(status, which.equals("ALL") && s == ScenarioWorkloads.SKIPPED ? Exit.OK : Math.min(s, Exit.EXPECTATION_FAILED));
        }
        if (which.equals("W3") || which.equals("ALL")) {
            status = Math.max(status, CoreWorkloads.w3(o, modes, reps, events));
        }
        if (which.equals("SWEEP")) {
            status = Math.max(status, scenarios.sweep(hosts == null ? 100 : hosts, packets == null ? 10_000_000L : packets));
        }
        if (which.equals("SOCKETS") || which.equals("ALL")) {
            status = Math.max(status, CoreWorkloads.sockets(o));
        }
        return status;
    }


    private static long positive(String flag, String v, long max) throws UsageException {
        try {
            long n = Long.parseLong(v.trim().replace("_", ""));
            if (n < 1 || n > max) {
                throw new UsageException("bench: " + flag + " must be between 1 and " + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("bench: " + flag + ": expected a whole number, got '" + v + "'");
        }
    }
}
