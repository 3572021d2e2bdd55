package org.stacklab.cli;

import java.io.PrintStream;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;

/**
 * A progress line on stderr for runs longer than a couple of seconds; only on a terminal and
 * not with {@code --quiet}. Reads the wall clock, which only the command line may do.
 */
final class Progress {
    private static final long EVERY_EVENTS = 1 << 20;
    private static final long AFTER_NS = 2_000_000_000L;

    private final Simulator sim;
    private final PrintStream err;
    private final long started = System.nanoTime();
    private boolean shown;

    private Progress(Simulator sim, PrintStream err) {
        this.sim = sim;
        this.err = err;
    }

    static Progress attach(Simulator sim, PrintStream err, boolean quiet) {
        Progress p = new Progress(sim, err);
        if (!quiet && stderrIsTerminal()) {
            sim.onProgress(EVERY_EVENTS, p::tick);
        }
        return p;
    }

    /**
     * Java 17 cannot ask whether stderr is a terminal; the launcher tells us
     * ({@code -Dstacklab.stderr.tty=1} when {@code [ -t 2 ]}). Without it, a console means a terminal.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("stacklab.stderr.tty");
        return told != null ? told.equals("1") : System.console() != null;
    }

    private void tick() {
        long wall = System.nanoTime() - started;
        if (wall < AFTER_NS) {
            return;
        }
        shown = true;
        err.print("\rsimulated " + SimTime.format(sim.now()) + " s, " + sim.executed() + " events, "
                + String.format("%.1f", wall / 1e9) + " s wall   ");
        err.flush();
    }

    void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
