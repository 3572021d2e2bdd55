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
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(e);
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
