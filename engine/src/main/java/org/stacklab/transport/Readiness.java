package org.stacklab.transport;

import java.util.ArrayList;
import java.util.List;
import org.stacklab.sim.Simulator;

/**
 * poll(2) on one host: the event bits as Linux numbers them, and the pollers waiting for a socket
 * of this host to become ready. Sockets call {@link #changed} when what poll would report may
 * have changed (a segment or datagram arrived, a timer fired, a state changed); the waiting
 * pollers look again once the event that caused it has run to its end.
 */
public final class Readiness {
    /** POLLIN: data to read, a connection to accept, or end of stream. */
    public static final int IN = 0x1;
    /** POLLPRI: urgent data (never in StackLab: the format sends none). */
    public static final int PRI = 0x2;
    /** POLLOUT: room in the send buffer. */
    public static final int OUT = 0x4;
    /** POLLERR: an error is pending (SO_ERROR would return it). */
    public static final int ERR = 0x8;
    /** POLLHUP: both directions are shut, or the socket is closed (TCP_CLOSE). */
    public static final int HUP = 0x10;
    /** The names the scenario format uses, in the order of the bits. */
    public static final List<String> NAMES = List.of("in", "pri", "out", "err", "hup");

    private final Simulator sim;
    private final List<Runnable> pollers = new ArrayList<>();
    private boolean recheckDue;

    Readiness(Simulator sim) {
        this.sim = sim;
    }

    /** The bit of an event name ({@code in}, {@code out}, ...), or 0 for an unknown one. */
    public static int bit(String name) {
        int i = NAMES.indexOf(name);
        return i < 0 ? 0 : 1 << i;
    }

    /** "in out" for {@code IN | OUT}: the names of the bits set, in bit order. */
    public static List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(NAMES.get(i));
            }
        }
        return out;
    }

    /** Registers a waiting poller; it runs after each change until {@link #remove}d. */
    public void add(Runnable poller) {
        pollers.add(poller);
    }

    public void remove(Runnable poller) {
        pollers.remove(poller);
    }

    /** What poll reports may have changed: the waiting pollers look again at this instant. */
    public void changed() {
        if (pollers.isEmpty() || recheckDue) {
            return;
        }
        recheckDue = true;
        sim.schedule(0, () -> {
            recheckDue = false;
            for (Runnable p : List.copyOf(pollers)) {
                p.run();
            }
        });
    }
}
