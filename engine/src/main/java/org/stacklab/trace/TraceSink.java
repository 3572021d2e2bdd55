package org.stacklab.trace;

import java.io.IOException;

/** A consumer of trace events: a report writer, a collector for tests, a counter. */
public interface TraceSink {
    void accept(TraceEvent event);

    /** Called once when the run is over; writers flush and close their files here. */
    default void close() throws IOException {}
}
