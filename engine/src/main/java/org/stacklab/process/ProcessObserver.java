package org.stacklab.process;

/** Hears what processes do: for the trace in the simulation, for the comparison in the bridge. */
public interface ProcessObserver {
    /**
     * A call finished. {@code step} is null for calls made by built-in apps; {@code call} is null
     * when a step could not become a call (a closed socket's name: EBADF).
     */
    void call(VirtualProcess p, Step step, Call call, Outcome outcome, boolean expected);

    /** The process started, finished, or failed ({@code what}: start, finish, fail). */
    void lifecycle(VirtualProcess p, String what, String detail);

    /** A {@code note} to narrate at this moment. */
    void note(VirtualProcess p, String text);

    /** An observer that tells {@code a}, then {@code b}. */
    static ProcessObserver both(ProcessObserver a, ProcessObserver b) {
        if (b == NONE) {
            return a;
        }
        return new ProcessObserver() {
            public void call(VirtualProcess p, Step step, Call call, Outcome outcome, boolean expected) {
                a.call(p, step, call, outcome, expected);
                b.call(p, step, call, outcome, expected);
            }

            public void lifecycle(VirtualProcess p, String what, String detail) {
                a.lifecycle(p, what, detail);
                b.lifecycle(p, what, detail);
            }

            public void note(VirtualProcess p, String text) {
                a.note(p, text);
                b.note(p, text);
            }
        };
    }

    ProcessObserver NONE = new ProcessObserver() {
        public void call(VirtualProcess p, Step step, Call call, Outcome outcome, boolean expected) {}

        public void lifecycle(VirtualProcess p, String what, String detail) {}

        public void note(VirtualProcess p, String text) {}
    };
}
