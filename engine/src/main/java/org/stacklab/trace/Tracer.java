package org.stacklab.trace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The side channel model code emits to. Emission sites test {@link #on()} before building an
 * event, so a run with no sink pays one branch per site and allocates nothing.
 */
public final class Tracer {
    private final List<TraceSink> sinks = new ArrayList<>();
    private boolean on;
    private int holding;
    private List<TraceEvent> held = new ArrayList<>();

    public static Tracer off() {
        return new Tracer();
    }

    public void add(TraceSink sink) {
        sinks.add(sink);
        on = true;
    }

    /** Whether any sink listens; check before building an event. */
    public boolean on() {
        return on;
    }

    public void emit(TraceEvent e) {
        if (holding > 0) {
            held.add(e);
            return;
        }
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(e);
        }
    }

    /**
     * Holds back the events emitted from now on, so that the event that caused them can be
     * written first (a segment's {@code deliver} before the state change it caused).
     */
    public void hold() {
        if (on) {
            holding++;
        }
    }

    /** Ends a {@link #hold}: runs {@code first} (its events go out at once), then emits the held events in order. */
    public void releaseAfter(Runnable first) {
        if (!on || --holding > 0) {
            first.run();
            return;
        }
        List<TraceEvent> pending = held;
        held = new ArrayList<>();
        first.run();
        for (TraceEvent e : pending) {
            emit(e);
        }
    }

    /** Closes every sink, reporting the first failure after trying them all. */
    public void close() throws IOException {
        IOException first = null;
        for (TraceSink s : sinks) {
            try {
                s.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
