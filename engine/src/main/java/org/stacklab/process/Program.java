package org.stacklab.process;

/** What a process runs: a script of steps, or a built-in app. */
public interface Program {
    /** Starts running; the program reports progress to {@code p} and ends with {@link VirtualProcess#finish}. */
    void start(VirtualProcess p, SocketApi api, ProcessObserver observer);
}
