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
    /** {@code stacklab --help}: drawn from the command table. */
    static final String USAGE = Help.overview(Commands.ALL).stripTrailing();

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
            case "--help", "-h", "help" -> {
                Help.Command c = rest.length > 0 ? Commands.named(rest[0]) : null;
                out.print(c != null ? Help.of(c) : USAGE + "\n");
                return Exit.OK;
            }
            case "--version", "version" -> {
                out.println("stacklab " + VERSION);
                return Exit.OK;
            }
            default -> {
                Help.Command c = Commands.named(args[0]);
                if (c == null) {
                    throw new UsageException(Help.unknownCommand(args[0], Commands.ALL));
                }
                if (Help.asksForHelp(rest)) {
                    out.print(Help.of(c));
                    return Exit.OK;
                }
                Help.checkFlags(c, rest);
                return c.runner().run(rest, out, err);
            }
        }
    }
}
