package org.stacklab.transport.tcp;

import org.stacklab.sim.EventHandle;
import org.stacklab.sim.Simulator;

/**
 * One timer of one socket (retransmission, delayed ACK, TIME-WAIT): a deadline field and at most
 * one pending event.
 *
 * <p>Re-arming only moves the deadline; the pending event, when it fires early, schedules itself
 * again at the deadline. So an ACK that restarts the retransmission timer costs a field write,
 * not a cancel and a new event (the same trick as Linux's {@code sk_reset_timer} on a timer
 * wheel). An event is cancelled only when the deadline moves earlier than it.
 */
final class Timer implements Runnable {
    private static final long OFF = -1;

    private final Simulator sim;
    private final Timers owner;
    private final int kind;
    private long deadline = OFF;
    private EventHandle event;

    Timer(Simulator sim, Timers owner, int kind) {
        this.sim = sim;
        this.owner = owner;
        this.kind = kind;
    }

    /** Expires {@code delay} nanoseconds from now. */
    void armIn(long delay) {
        armAt(sim.now() + delay);
    }

    void armAt(long at) {
        deadline = at;
        if (event == null) {
            event = sim.scheduleAt(at, this);
        } else if (at < event.time()) {
            event.cancel();
            event = sim.scheduleAt(at, this);
        }
    }

    /** Stops the timer; a pending event will find no deadline and do nothing. */
    void stop() {
        deadline = OFF;
    }

    boolean armed() {
        return deadline != OFF;
    }

    long deadline() {
        return deadline;
    }

    @Override
    public void run() {
        event = null;
        if (deadline == OFF) {
            return;
        }
        if (sim.now() < deadline) {
            event = sim.scheduleAt(deadline, this);
            return;
        }
        deadline = OFF;
        owner.expired(kind);
    }
}
