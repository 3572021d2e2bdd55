package org.stacklab.transport;

/**
 * How a blocking socket call finishes in simulated time: with an error, or a value. Called
 * exactly once, perhaps before the call that registered it returns.
 */
@FunctionalInterface
public interface Completion<T> {
    void done(SocketError error, T value);
}
