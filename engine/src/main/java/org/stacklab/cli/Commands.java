package org.stacklab.cli;

import java.util.List;
import org.stacklab.cli.Help.Command;
import org.stacklab.cli.Help.Flag;

/**
 * The command table of {@code stacklab}: one row per command, in the order {@code --help} lists
 * them. Adding a command is adding a row; adding a flag is adding it to the command's options
 * (commons-cli {@code Options} for run and bridge), and help and "did you mean" follow.
 */
final class Commands {
    private Commands() {}

    static final Command RUN = new Command("run",
            "run a scenario in simulated time, check its expectations, write its reports",
            "stacklab run SCENARIO.yaml [--seed N] [--until T] [--out DIR] [--format LIST] [--quiet]",
            "Runs the scenario, prints a one-screen summary (packets sent, delivered, dropped by reason,\n"
                    + "every expectation) and writes reports/<scenario>/ (trace.txt, trace.jsonl, trace.pcap,\n"
                    + "trace.pcapng, report.html; reports/README.md says what each holds). Exit status 0 when\n"
                    + "every expectation held, 1 when one failed, 2 for invalid input.",
            Flag.fromOptions(RunCommand.options()),
            List.of("stacklab run scenarios/01-socket-is-an-address-and-a-port.yaml",
                    "stacklab run my.yaml --seed 7 --until 30s",
                    "stacklab run my.yaml --format text,pcapng --out /tmp/my-run",
                    "stacklab run my.yaml --format none --quiet      # only the verdict"),
            (args, out, err) -> new RunCommand(out, err).run(args));

    static final Command CHECK = new Command("check",
            "validate a scenario without running it",
            "stacklab check SCENARIO.yaml",
            "Loads and assembles the scenario; prints 'ok' and its size, or every mistake as\n"
                    + "FILE:LINE:COLUMN: message (exit status 2).",
            List.of(),
            List.of("stacklab check scenarios/06-port-already-in-use.yaml"),
            (args, out, err) -> new RunCommand(out, err).check(args));

    static final Command WATCH = new Command("watch",
            "rerun a scenario on every save and serve its report on 127.0.0.1; the page reloads",
            "stacklab watch SCENARIO.yaml [--out DIR] [--port N]",
            "Runs the scenario, serves its report.html on 127.0.0.1 (a free port unless --port, printed),\n"
                    + "and runs it again whenever the file changes; the open page reloads. A file that no longer\n"
                    + "loads is shown above the last good report, and the watch goes on. Ctrl-C ends it\n"
                    + "(docs/explorer.md).",
            List.of(Flag.of("out", "DIR", "report folder (default reports/<scenario>/)"),
                    Flag.of("port", "N", "the port to serve on (default: a free one)")),
            List.of("stacklab watch scenarios/01-socket-is-an-address-and-a-port.yaml",
                    "stacklab watch my.yaml --port 8000"),
            (args, out, err) -> WatchCommand.main(args, out, err));

    static final Command SWEEP = new Command("sweep",
            "run a scenario over every combination of parameter values and seeds: a CSV and a plot",
            SweepLauncher.USAGE,
            "Runs the scenario once per combination of the --set values and seeds, on every core, and\n"
                    + "writes a CSV of the metrics and sweep.svg (docs/sweep.md).",
            Flag.fromOptions(SweepLauncher.options()),
            List.of("stacklab sweep scenarios/udp-echo-behind-router.yaml --set link.loss=0%,1%,5%,20% --seeds 1-10"
                            + " --plot delivered",
                    "stacklab sweep my.yaml --set link.latency=1ms,10ms --jobs 1 --plot goodput_bps"),
            (args, out, err) -> SweepLauncher.run(args, out, err));

    static final Command BRIDGE = new Command("bridge",
            "run a scenario on real loopback sockets too, and compare with the simulation",
            "stacklab bridge SCENARIO.yaml [--scale N] [--deadline T] [--base ADDR] [--isolate|--no-isolate] [--namespaces] [--max-events N]"
                    + " [--quiet]",
            "Plays each process's socket calls on the machine's own kernel (loopback addresses, one per\n"
                    + "host; with --namespaces a network namespace per host, veth links and routers) and compares\n"
                    + "results, errnos and deliveries with the simulation (docs/bridge.md).",
            Flag.fromOptions(BridgeCommand.options()),
            List.of("stacklab bridge scenarios/udp-newest-wins.yaml",
                    "stacklab bridge scenarios/09-time-wait-and-restart.yaml --scale 1 --deadline 60s",
                    "stacklab bridge scenarios/02-a-port-picks-the-service.yaml --no-isolate",
                    "stacklab bridge scenarios/udp-echo-behind-router.yaml --namespaces"),
            (args, out, err) -> new BridgeCommand(out, err).run(args));

    static final Command FUZZ = new Command("fuzz",
            "random socket-call sequences in the simulation and on the real kernel; differences shrunk",
            FuzzCommand.USAGE,
            "Draws random sequences of socket calls (several processes, two hosts), runs each in the\n"
                    + "simulation and on the kernel (libc; a network namespace of its own as root), and shrinks\n"
                    + "every difference to the smallest scenario that still differs, written with both sides'\n"
                    + "results to reports/fuzz/ (or --out DIR). Exit 1 when a difference was found (docs/bridge.md).",
            Flag.fromOptions(FuzzCommand.options()),
            List.of("stacklab fuzz --tries 200",
                    "stacklab fuzz --tries 1000 --seed 1 --out /tmp/fz",
                    "stacklab fuzz --time 5m"),
            (args, out, err) -> new FuzzCommand(out, err).run(args));

    static final Command BENCH = new Command("bench",
            "measure the simulator's speed on the workloads of docs/performance.md",
            "stacklab bench [W1|W2|W3|sockets|sweep|all] [--hosts H] [--packets P] [--reps R] [--events N] "
                    + "[--mode M] [--trace jsonl] [--out DIR]",
            "Runs the speed workloads and prints their figures beside ns-3's (docs/performance.md);\n"
                    + "results also go to reports/bench/*.json (or --out DIR).",
            List.of(Flag.of("hosts", "H", "client hosts of W1/W2"),
                    Flag.of("packets", "P", "packets per client (W1)"),
                    Flag.of("reps", "R", "repetitions (default 3)"),
                    Flag.of("events", "N", "events of W3"),
                    Flag.of("mode", "M", "W3's queue mode: chain, hold-100k or hold-1M"),
                    Flag.of("trace", "jsonl", "also write the JSON-lines trace (costs time)"),
                    Flag.of("out", "DIR", "folder of the results (default reports/bench)")),
            List.of("stacklab bench W1",
                    "stacklab bench W1 --hosts 100 --packets 20 --reps 1",
                    "stacklab bench W3 --mode hold-1M"),
            (args, out, err) -> new org.stacklab.cli.bench.Bench(out, err).run(args));

    static final Command SCHEMA = new Command("schema",
            "print the JSON Schema of the scenario format (for editors and validators)",
            "stacklab schema [--out FILE]",
            "Writes the JSON Schema (draft 2020-12) of scenario files, generated from the loader's own\n"
                    + "key tables; the repository's copy is " + org.stacklab.scenario.ScenarioSchema.COMMITTED + ". A scenario whose first line is\n"
                    + "'# yaml-language-server: $schema=PATH' gets key completion and checks in editors\n"
                    + "that use the YAML language server (VS Code's YAML extension, among others).",
            List.of(Flag.of("out", "FILE", "write the schema to FILE instead of standard output")),
            List.of("stacklab schema > my.schema.json",
                    "stacklab schema --out docs/scenario.schema.json"),
            (args, out, err) -> SchemaCommand.run(args, out));

    /** Every command, in the order {@code stacklab --help} lists them. */
    static final List<Command> ALL = List.of(RUN, CHECK, WATCH, BRIDGE, SWEEP, FUZZ, BENCH, SCHEMA);

    /** The row named {@code name}, or null. */
    static Command named(String name) {
        for (Command c : ALL) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
