package org.stacklab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.stacklab.sim.SimTime;
import org.stacklab.sim.Simulator;

/**
 * Signs of life on stderr for a long run: on a terminal a progress line redrawn in place after
 * a couple of seconds; off a terminal (a log, a pipe) a heartbeat line every few seconds. Not
 * with {@code --quiet}. Reads the wall clock, which only the command line may do.
 */
final class Progress {
    static final long HEARTBEAT_NS = 5_000_000_000L;
    private static final long AFTER_NS = 2_000_000_000L;
    private static final long REDRAW_NS = 200_000_000L;

    private final Simulator sim;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean silent;
    private final long heartbeatNs;
    private final long started = System.nanoTime();
    private long nextNs;
    private boolean shown;

    Progress(Simulator sim, PrintStream err, boolean quiet, boolean terminal, long heartbeatNs) {
        this.sim = sim;
        this.err = err;
        this.silent = quiet;
        this.terminal = terminal;
        this.heartbeatNs = heartbeatNs;
        this.nextNs = started + (terminal ? AFTER_NS : heartbeatNs);
    }

    /**
     * Java 17 cannot ask whether stderr is a terminal; the launcher tells us
     * ({@code -Dstacklab.stderr.tty=1} when {@code [ -t 2 ]}). Without it, a console means a terminal.
     */
    static boolean stderrIsTerminal() {
        String told = System.getProperty("stacklab.stderr.tty");
        return told != null ? told.equals("1") : System.console() != null;
    }

    /** Called every few thousand events; prints when the wall clock says it is time. */
    void tick() {
        if (silent) {
            return;
        }
        long t = System.nanoTime();
        if (t - nextNs < 0) {
            return;
        }
        String state = "simulated " + SimTime.format(sim.now()) + " s, " + sim.executed() + " events, "
                + String.format(Locale.ROOT, "%.1f", (t - started) / 1e9) + " s wall";
        if (terminal) {
            shown = true;
            err.print("\r" + state + "   ");
            nextNs = t + REDRAW_NS;
        } else {
            err.println("stacklab: still running: " + state);
            nextNs = t + heartbeatNs;
        }
        err.flush();
    }

    void done() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
