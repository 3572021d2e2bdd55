package org.stacklab.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * {@code stacklab}: run or check a scenario. Bad input gets one line and exit status 2; a bug
 * in StackLab gets one line and 70, with the stack trace only when {@code STACKLAB_DEBUG} is set.
 */
public final class Main {
    static final String VERSION = "0.1.0";
    static final String USAGE = String.join("\n",
            "usage: stacklab run SCENARIO.yaml [--seed N] [--until T] [--out DIR] [--format " + Formats.DEFAULT + "|none]",
            "                    [--max-events N] [--max-trace-bytes N] [--quiet]",
            "       stacklab check SCENARIO.yaml",
            "       stacklab watch SCENARIO.yaml [--out DIR] [--port N]",
            "       stacklab bridge SCENARIO.yaml [--scale N] [--deadline T] [--base 127.0.0.2] [--isolate] [--quiet]",
            "       " + SweepLauncher.USAGE,
            "       " + FuzzCommand.USAGE,
            "       stacklab bench [W1|W2|W3|sockets|sweep|all] [--hosts H] [--packets P] [--reps R] [--events N] [--mode M] [--trace jsonl] [--out DIR]",
            "       stacklab --help | --version");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return dispatch(args, out, err);
        } catch (UsageException e) {
            err.println("stacklab: " + e.getMessage());
            return Exit.BAD_INPUT;
        } catch (OutOfMemoryError e) {
            err.println("stacklab: out of memory: the scenario needs more memory than the Java heap allows;"
                    + " give it more with STACKLAB_JAVA_OPTS=-Xmx4g (or make the scenario smaller)");
            return Exit.BAD_INPUT;
        } catch (UncheckedIOException e) {
            err.println("stacklab: cannot read or write a file: " + IoProblem.describe(e));
            return Exit.BAD_INPUT;
        } catch (RuntimeException | StackOverflowError e) {
            err.println("stacklab: internal error: " + e + " (a bug in StackLab; set STACKLAB_DEBUG=1 for the stack trace)");
            if (System.getenv("STACKLAB_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return Exit.INTERNAL;
        }
    }

    private static int dispatch(String[] args, PrintStream out, PrintStream err) throws UsageException {
        if (args.length == 0) {
            err.println(USAGE);
            return Exit.BAD_INPUT;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "run":
                return new RunCommand(out, err).run(rest);
            case "check":
                return new RunCommand(out, err).check(rest);
            case "bridge":
                return new BridgeCommand(out, err).run(rest);
            case "watch":
                return WatchCommand.main(rest, out, err);
            case "bench":
                return new org.stacklab.cli.bench.Bench(out, err).run(rest);
            case "sweep":
                return SweepLauncher.run(rest, out, err);
            case "fuzz":
                return new FuzzCommand(out, err).run(rest);
            case "--help":
            case "-h":
            case "help":
                out.println(USAGE);
                return Exit.OK;
            case "--version":
            case "version":
                out.println("stacklab " + VERSION);
                return Exit.OK;
            default:
                throw new UsageException("unknown command '" + args[0] + "' (commands: run, check, watch, bridge, sweep, fuzz, bench; see --help)");
        }
    }
}
