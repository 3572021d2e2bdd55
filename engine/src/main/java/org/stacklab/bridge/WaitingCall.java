package org.stacklab.bridge;

/** A call of a {@link RealSocket} waiting for readiness; {@code attempt} returns true once it has replied. */
final class WaitingCall {
    final Reply reply;
    final Attempt attempt;
    Reactor.Timer timer;

    WaitingCall(Reply reply, Attempt attempt) {
        this.reply = reply;
        this.attempt = attempt;
    }

    /** Makes the system call again; true once the call has its answer. */
    interface Attempt {
        boolean attempt();
    }
}
