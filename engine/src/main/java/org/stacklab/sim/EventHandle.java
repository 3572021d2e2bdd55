package org.stacklab.sim;

/** A scheduled event that can still be cancelled; cancelling a fired event does nothing. */
public interface EventHandle {
    /** Prevents the event from running if it has not run yet. */
    void cancel();

    boolean isCancelled();

    /** The instant the event was scheduled for. */
    long time();
}
